// A streaming 64-bit fingerprint of the event log's canonical lines `time kind subject
// detail`, identical in Node and the browser because it uses only 32-bit integer arithmetic.
// Each line is hashed field by field (two 32-bit multiply-xorshift lanes) and folded into the
// running state. Kinds and subjects repeat on almost every line, so their hashes are kept
// once computed (hot paths hold theirs as `LogWord`s, not even looked up): a line costs the
// hash of its time and its detail, not of all its text.

const M1 = 2654435761;
const M2 = 1597334677;
const SEED1 = 0xdeadbeef;
const SEED2 = 0x41c6ce57;
const TWO_32 = 2 ** 32;
/** Distinct kinds and subjects whose hashes are kept (a run has a few per entity). */
const CACHE_LIMIT = 1 << 16;

/** Lane 1 and lane 2 of the last `hashCodes` (or `hashText`). */
let text1 = 0;
let text2 = 0;

/** Hashes the text whose UTF-16 code units are `codes[0..n)` (two at a time, then its length) into `text1`, `text2`. */
function hashCodes(codes: Uint16Array, n: number): void {
  let h1 = SEED1 ^ n;
  let h2 = SEED2 ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const w = codes[i] | (codes[i + 1] << 16);
    h1 = Math.imul(h1 ^ w, M1);
    h2 = Math.imul(h2 ^ w, M2);
  }
  if (i < n) {
    const w = codes[i] | 0x10000;
    h1 = Math.imul(h1 ^ w, M1);
    h2 = Math.imul(h2 ^ w, M2);
  }
  text1 = Math.imul(h1 ^ (h1 >>> 15), M2);
  text2 = Math.imul(h2 ^ (h2 >>> 13), M1);
}

/** The hash lanes of a detail given as its code units `codes[0..n)` (what `addWordsCodes` folds in), into `lanes[0]`, `lanes[1]`. */
export function detailLanes(codes: Uint16Array, n: number, lanes: Int32Array): void {
  hashCodes(codes, n);
  lanes[0] = text1;
  lanes[1] = text2;
}

/** Where `hashText` puts a string's code units (the hot lines are written as code units already). */
let scratchCodes = new Uint16Array(256);

/** `hashCodes` of a string. */
function hashText(text: string): void {
  const n = text.length;
  if (scratchCodes.length < n) scratchCodes = new Uint16Array(Math.max(n, 2 * scratchCodes.length));
  for (let i = 0; i < n; i++) scratchCodes[i] = text.charCodeAt(i);
  hashCodes(scratchCodes, n);
}

/**
 * A kind or subject whose hash is kept for the whole run, looked up once: an entity's id or a
 * hot line's kind, held by whoever writes its lines (see `EventLog.word`).
 */
export interface LogWord {
  readonly text: string;
  readonly slot: number;
}

/** Lanes 0–3 are scratch (a line's kind and subject past the cache's bound); slots of kept words start after them. */
const FIRST_SLOT = 4;

export class Digest64 {
  private h1 = SEED1;
  private h2 = SEED2;
  /** Kind or subject → its slot in `lanes` (two 32-bit lanes per slot). */
  private readonly slots = new Map<string, number>();
  private lanes = new Int32Array(256);
  private nextSlot = FIRST_SLOT;

  /** Feeds one canonical line, given as its fields (`kind` and `subject` are single words). */
  addFields(timeMs: number, kind: string, subject: string, detail: string): void {
    const kindSlot = this.slotOf(kind, 0);
    const subjectSlot = this.slotOf(subject, 1);
    hashText(detail);
    this.fold(timeMs, kindSlot, subjectSlot);
  }

  /** `addFields` with kept words and the detail given as its UTF-16 code units `codes[0..n)` (no string made). */
  addWordsCodes(timeMs: number, kind: LogWord, subject: LogWord, codes: Uint16Array, n: number): void {
    hashCodes(codes, n);
    this.fold(timeMs, kind.slot, subject.slot);
  }

  /** `addWordsCodes` with the detail's hash lanes worked out already (`detailLanes`). */
  addWordsHashed(timeMs: number, kind: LogWord, subject: LogWord, lane1: number, lane2: number): void {
    text1 = lane1;
    text2 = lane2;
    this.fold(timeMs, kind.slot, subject.slot);
  }

  /** The kept word for `text` (one word): its hash stays in its slot for the whole run. */
  word(text: string): LogWord {
    const known = this.slots.get(text);
    if (known !== undefined) return { text, slot: known };
    if (text.includes(' ')) throw new RangeError(`a log kind or subject is one word: ${JSON.stringify(text)}`);
    hashText(text);
    // Kept words are bounded by the run's entities: they have slots whatever the cache holds.
    const slot = this.newSlot();
    if (this.slots.size < CACHE_LIMIT) this.slots.set(text, slot);
    return { text, slot };
  }

  /** Folds a line into the state: its time, its kind's and subject's hashes, its detail's (`text1`, `text2`). */
  private fold(timeMs: number, kindSlot: number, subjectSlot: number): void {
    const lo = timeMs % TWO_32;
    const hi = (timeMs - lo) / TWO_32;
    let a = Math.imul(this.h1 ^ lo, M1);
    let b = Math.imul(this.h2 ^ hi, M2);
    a = Math.imul(a ^ this.lanes[kindSlot], M1);
    b = Math.imul(b ^ this.lanes[kindSlot + 1], M2);
    a = Math.imul(a ^ this.lanes[subjectSlot], M1);
    b = Math.imul(b ^ this.lanes[subjectSlot + 1], M2);
    a = Math.imul(a ^ text1, M1);
    b = Math.imul(b ^ text2, M2);
    this.h1 = a ^ (b >>> 16);
    this.h2 = b ^ (a >>> 16);
  }

  /** Feeds one canonical line as text: `time kind subject` and the rest as the detail. */
  addLine(line: string): void {
    const s1 = line.indexOf(' ');
    const s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
    if (s1 <= 0 || s2 < 0 || !/^\d+$/.test(line.slice(0, s1))) throw new RangeError(`not a canonical log line: ${JSON.stringify(line)}`);
    const s3 = line.indexOf(' ', s2 + 1);
    const subject = s3 < 0 ? line.slice(s2 + 1) : line.slice(s2 + 1, s3);
    const detail = s3 < 0 ? '' : line.slice(s3 + 1);
    this.addFields(Number(line.slice(0, s1)), line.slice(s1 + 1, s2), subject, detail);
  }

  /** 16 lowercase hex digits; does not change the state, so more lines may follow. */
  hex(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }

  /**
   * The slot of a kind's or subject's hash, computed the first time it is seen. Past the
   * cache's bound a word gets scratch slot `scratch` (lanes 0–1 for the kind, 2–3 for the
   * subject, so one line's two never overwrite each other), rewritten each time.
   */
  private slotOf(word: string, scratch: 0 | 1): number {
    const known = this.slots.get(word);
    if (known !== undefined) return known;
    if (word.includes(' ')) throw new RangeError(`a log kind or subject is one word: ${JSON.stringify(word)}`);
    hashText(word);
    if (this.slots.size >= CACHE_LIMIT) {
      const slot = 2 * scratch;
      this.lanes[slot] = text1;
      this.lanes[slot + 1] = text2;
      return slot;
    }
    const slot = this.newSlot();
    this.slots.set(word, slot);
    return slot;
  }

  /** A new slot holding the hash in `text1`, `text2`. */
  private newSlot(): number {
    const slot = this.nextSlot;
    this.nextSlot += 2;
    this.ensureLanes(this.nextSlot);
    this.lanes[slot] = text1;
    this.lanes[slot + 1] = text2;
    return slot;
  }

  private ensureLanes(n: number): void {
    if (this.lanes.length >= n) return;
    const bigger = new Int32Array(Math.max(n, 2 * this.lanes.length));
    bigger.set(this.lanes);
    this.lanes = bigger;
  }
}

/** The digest of a whole text, line by line. */
export function digestOfLines(lines: Iterable<string>): string {
  const d = new Digest64();
  for (const line of lines) d.addLine(line);
  return d.hex();
}
