// Sorts whole numbers in [0, 2^32) (RPO segment ends in milliseconds: a VM has one per
// recovery point, tens of thousands over a month) by counting passes of at most 12 bits, as
// few as the largest value needs, the bits split evenly between them (two passes up to 2^24
// ms, four and a half hours): linear time, where a comparison sort of doubles was the
// largest cost of summarising a long run.

const MAX_BITS = 12;
/** Below this many values the native sort is quicker than counting passes. */
const NATIVE_BELOW = 512;
const counts = new Uint32Array(1 << MAX_BITS);
let scratch = new Uint32Array(0);

/** True when every one of `values[0..n)` is a whole number in [0, 2^32). */
export function allUint32(values: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >= 0 && v <= 0xffffffff && v === Math.floor(v))) return false;
  }
  return true;
}

/** Sorts `values` ascending in place (every value a whole number below 2^32). */
export function sortUint32(values: Uint32Array): Uint32Array {
  const n = values.length;
  if (n < NATIVE_BELOW) return values.sort();
  let max = 0;
  for (let i = 0; i < n; i++) if (values[i] > max) max = values[i];
  const bits = max === 0 ? 1 : 32 - Math.clz32(max);
  const passes = Math.ceil(bits / MAX_BITS);
  const width = Math.ceil(bits / passes);
  if (scratch.length < n) scratch = new Uint32Array(Math.max(n, 2 * scratch.length));
  let from: Uint32Array = values;
  let to: Uint32Array = scratch.subarray(0, n);
  for (let pass = 0; pass < passes; pass++) {
    countingPass(from, to, pass * width, width);
    const t = from;
    from = to;
    to = t;
  }
  if (from !== values) values.set(from);
  return values;
}

/** Stable counting sort of `from` into `to` by the `width` bits at `shift`. */
function countingPass(from: Uint32Array, to: Uint32Array, shift: number, width: number): void {
  const buckets = 1 << width;
  const mask = buckets - 1;
  counts.fill(0, 0, buckets);
  const n = from.length;
  for (let i = 0; i < n; i++) counts[(from[i] >>> shift) & mask]++;
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const v = from[i];
    to[counts[(v >>> shift) & mask]++] = v;
  }
}
