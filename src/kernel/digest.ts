// A streaming 64-bit fingerprint of the event log's canonical lines `time kind subject
// detail`, identical in Node and the browser because it uses only 32-bit integer arithmetic.
// Each line is hashed field by field (two 32-bit multiply-xorshift lanes) and folded into the
// running state. Kinds and subjects repeat on almost every line, so their hashes are kept
// once computed (hot paths hold theirs as `LogWord`s, not even looked up): a line costs the
// hash of its time and its detail (by tokens, see detail-hash), not of all its text.

import { DetailHasher } from './detail-hash';

const M1 = 2654435761;
const M2 = 1597334677;
// Seeds as signed 32-bit integers, as the lanes always are after a step (the same bits):
// the fields holding them then stay small integers, never doubles.
const SEED1 = 0xdeadbeef | 0;
const SEED2 = 0x41c6ce57 | 0;
const TWO_32 = 2 ** 32;
/** Distinct kinds and subjects whose hashes are kept (a run has a few per entity). */
const CACHE_LIMIT = 1 << 16;

/** Hashes a kind's or subject's text, and the details given as text. */
const hasher = new DetailHasher();

/**
 * A kind or subject whose hash is kept for the whole run, looked up once: an entity's id or a
 * hot line's kind, held by whoever writes its lines (see `EventLog.word`). Its hash lanes are
 * its own fields, so a line reads them with the word.
 */
export interface LogWord {
  readonly text: string;
  readonly lane1: number;
  readonly lane2: number;
}

export class Digest64 {
  private h1 = SEED1;
  private h2 = SEED2;
  /** Kinds and subjects seen so far, with their hashes (up to `CACHE_LIMIT` of them). */
  private readonly words = new Map<string, LogWord>();

  /** Feeds one canonical line, given as its fields (`kind` and `subject` are single words). */
  addFields(timeMs: number, kind: string, subject: string, detail: string): void {
    const k = this.lookUp(kind);
    const s = this.lookUp(subject);
    hasher.text(detail);
    hasher.finish();
    this.fold(timeMs, k, s, hasher.lane1, hasher.lane2);
  }

  /** A line with kept words whose detail was hashed already (by a `DetailHasher`). */
  addWordsHashed(timeMs: number, kind: LogWord, subject: LogWord, lane1: number, lane2: number): void {
    this.fold(timeMs, kind, subject, lane1, lane2);
  }

  /** The kept word for `text` (one word): its hash is worked out once. */
  word(text: string): LogWord {
    return this.lookUp(text);
  }

  /** Folds a line into the state: its time, its kind's and subject's hashes, its detail's. */
  private fold(timeMs: number, kind: LogWord, subject: LogWord, text1: number, text2: number): void {
    const hi = Math.floor(timeMs / TWO_32); // exact: a power of two (no float remainder, which is a call)
    const lo = timeMs - hi * TWO_32;
    let a = Math.imul(this.h1 ^ lo, M1);
    let b = Math.imul(this.h2 ^ hi, M2);
    a = Math.imul(a ^ kind.lane1, M1);
    b = Math.imul(b ^ kind.lane2, M2);
    a = Math.imul(a ^ subject.lane1, M1);
    b = Math.imul(b ^ subject.lane2, M2);
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
   * A kind's or subject's word, its hash computed the first time it is seen and kept; past
   * the cache's bound (a run has a few words per entity) a word is hashed anew each time.
   */
  private lookUp(text: string): LogWord {
    const known = this.words.get(text);
    if (known !== undefined) return known;
    if (text.includes(' ')) throw new RangeError(`a log kind or subject is one word: ${JSON.stringify(text)}`);
    hasher.text(text);
    hasher.finish();
    const word: LogWord = { text, lane1: hasher.lane1, lane2: hasher.lane2 };
    if (this.words.size < CACHE_LIMIT) this.words.set(text, word);
    return word;
  }
}

/** The digest of a whole text, line by line. */
export function digestOfLines(lines: Iterable<string>): string {
  const d = new Digest64();
  for (const line of lines) d.addLine(line);
  return d.hex();
}
