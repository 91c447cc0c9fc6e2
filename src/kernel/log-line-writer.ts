// Writes a log line's detail from text and integers straight into a buffer of UTF-16 code
// units, so the hottest lines (a log sent every 30 s per VM, a churn step every 5 min per
// disk) cost no strings: the digest hashes the buffer exactly as it hashes the same text,
// and the text itself is made only when a sink or the tail wants it.

import type { LogWord } from './digest';

/** Receives a finished line: its fields and its detail as code units `codes[0..length)`. */
export type CodesRecorder = (timeMs: number, kind: LogWord, subject: LogWord, codes: Uint16Array, length: number) => void;

const NO_WORD: LogWord = { text: '', slot: 0 };

const ZERO = 48;
const MINUS = 45;
/** "00", "01" … "99" as code units, two per number. */
const DIGIT_PAIRS = new Uint16Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = ZERO + (i % 10);
}

/** Decimal digits of a whole number below 10^9. */
function digitCount(x: number): number {
  if (x < 1e4) return x < 100 ? (x < 10 ? 1 : 2) : x < 1000 ? 3 : 4;
  if (x < 1e6) return x < 1e5 ? 5 : 6;
  return x < 1e8 ? (x < 1e7 ? 7 : 8) : 9;
}

export class LogLineWriter {
  private codes = new Uint16Array(128);
  private length = 0;
  private open = false;
  private timeMs = 0;
  private kind = NO_WORD;
  private subject = NO_WORD;

  constructor(private readonly recordCodes: CodesRecorder) {}

  /** Starts a line; finish it with `end()` before starting another. */
  begin(timeMs: number, kind: LogWord, subject: LogWord): this {
    if (this.open) throw new Error(`log line ${this.kind.text} ${this.subject.text} was begun but never ended`);
    this.open = true;
    this.timeMs = timeMs;
    this.kind = kind;
    this.subject = subject;
    this.length = 0;
    return this;
  }

  /** Appends text as it is. */
  text(s: string): this {
    const n = s.length;
    this.reserve(n);
    const codes = this.codes;
    let at = this.length;
    for (let i = 0; i < n; i++) codes[at++] = s.charCodeAt(i);
    this.length = at;
    return this;
  }

  /** Appends an integer exactly as `String(x)` writes it (anything else goes through `String`). */
  int(x: number): this {
    if (x >= 0 && x < 1e9 && Math.floor(x) === x) {
      // The usual case (bytes, a rate, a time within 11 days): nine digits at most.
      this.reserve(9);
      this.digits(x, 0);
      return this;
    }
    if (!Number.isSafeInteger(x)) return this.text(String(x));
    this.reserve(17);
    if (x < 0) {
      this.codes[this.length++] = MINUS;
      x = -x;
    }
    if (x < 1e9) this.digits(x, 0);
    else {
      // Above 2^31 integer arithmetic would overflow: the top part, then 9 digits, zero-padded.
      const high = Math.floor(x / 1e9);
      this.digits(high, 0);
      this.digits(x - high * 1e9, 9);
    }
    return this;
  }

  /** Hands the line over (to the digest, and to a sink or the tail if any). */
  end(): void {
    this.open = false;
    this.recordCodes(this.timeMs, this.kind, this.subject, this.codes, this.length);
  }

  /** Writes `x` (below 10^9) in decimal, left-padded with zeros to `width` digits: two digits a division. */
  private digits(x: number, width: number): void {
    let n = digitCount(x);
    if (n < width) n = width;
    const codes = this.codes;
    const start = this.length;
    let at = start + n;
    this.length = at;
    let v = x | 0;
    while (at - start >= 2) {
      const q = (v / 100) | 0;
      const pair = 2 * (v - q * 100);
      codes[--at] = DIGIT_PAIRS[pair + 1];
      codes[--at] = DIGIT_PAIRS[pair];
      v = q;
    }
    if (at > start) codes[--at] = ZERO + v;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.codes.length) return;
    const bigger = new Uint16Array(Math.max(this.length + n, 2 * this.codes.length));
    bigger.set(this.codes.subarray(0, this.length));
    this.codes = bigger;
  }
}

/** The text of code units `codes[0..length)`. */
export function textOfCodes(codes: Uint16Array, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 4096) text += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 4096)) as unknown as number[]);
  return text;
}
