// Sorts whole numbers in [0, 2^32) (RPO segment ends in milliseconds: a VM has one per
// recovery point, tens of thousands over a month) by counting passes of 11 bits, as many as
// the largest value needs (two below 2^22 ms, 70 minutes): linear time, where a comparison
// sort of doubles was the largest cost of summarising a long run.

const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
/** Below this many values the native sort is quicker than counting passes. */
const NATIVE_BELOW = 512;
const counts = new Uint32Array(BUCKETS);
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
  if (scratch.length < n) scratch = new Uint32Array(Math.max(n, 2 * scratch.length));
  let from: Uint32Array = values;
  let to: Uint32Array = scratch.subarray(0, n);
  for (let shift = 0; shift < 32 && (shift === 0 || max >>> shift !== 0); shift += BITS) {
    countingPass(from, to, shift);
    const t = from;
    from = to;
    to = t;
  }
  if (from !== values) values.set(from);
  return values;
}

/** Stable counting sort of `from` into `to` by the `BITS` bits at `shift`. */
function countingPass(from: Uint32Array, to: Uint32Array, shift: number): void {
  counts.fill(0);
  const n = from.length;
  for (let i = 0; i < n; i++) counts[(from[i] >>> shift) & MASK]++;
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const v = from[i];
    to[counts[(v >>> shift) & MASK]++] = v;
  }
}
