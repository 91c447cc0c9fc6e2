// The canonical hash of a log line's detail (or of a kind or subject word): two 32-bit
// multiply-xorshift lanes over its tokens, left to right. A token is a maximal run of ASCII
// digits (split every 15 digits from the left), hashed as its length and its value, or a
// maximal run of other code units, hashed code unit by code unit. So the hot lines, written
// as fixed text and integers (`log=7012345 sent=3506172 crash`), are hashed from the numbers
// themselves, with no decimal digits written or read, and give the very hash their text does.

const M1 = 2654435761;
const M2 = 1597334677;
// Seeds as signed 32-bit integers, as the lanes always are after a step (the same bits):
// the fields holding them then stay small integers, never doubles.
const SEED1 = 0xdeadbeef | 0;
const SEED2 = 0x41c6ce57 | 0;
const TEXT1 = 0x2545f491 | 0;
const TEXT2 = 0x9e3779b9 | 0;
const TEXT_TAG = 0x40000000;
const DIGITS_TAG = 0x20000000;
const TWO_32 = 2 ** 32;
/** The longest digit token: its value stays an exact integer (below 10^15 < 2^53). */
const MAX_TOKEN_DIGITS = 15;
const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

// The mixing steps, each on one lane (a = lane 1 with M1, b = lane 2 with M2), shared by the
// hasher and the pre-hashed shapes so both give one hash.

/** Closes a text run of `tag` (TEXT_TAG ^ its length) whose run lane is `run`. */
function mixText(h: number, tag: number, run: number, m: number): number {
  return Math.imul(Math.imul(h ^ tag, m) ^ run, m);
}

/** Closes a digit token of `tag` (DIGITS_TAG ^ its length) whose value is hi·2^32 + lo. */
function mixDigits(h: number, tag: number, lo: number, hi: number, m: number): number {
  return Math.imul(Math.imul(Math.imul(h ^ tag, m) ^ lo, m) ^ hi, m);
}

/** A detail's hash lanes once its last token is mixed in. */
function finalLane1(a: number): number {
  return Math.imul(a ^ (a >>> 15), M2);
}

function finalLane2(b: number): number {
  return Math.imul(b ^ (b >>> 13), M1);
}

/** Decimal digits of a whole number below 10^16. */
export function digitCount(x: number): number {
  if (x < 1e4) return x < 100 ? (x < 10 ? 1 : 2) : x < 1000 ? 3 : 4;
  if (x < 1e8) return x < 1e6 ? (x < 1e5 ? 5 : 6) : x < 1e7 ? 7 : 8;
  let n = 9;
  while (n < 16 && x >= POW10[n]) n++;
  return n;
}

/**
 * A text run's hash lanes after `text` (no digits in it), from the start of a run: what a
 * fixed piece of a hot line opens its run with (see `DetailHasher.textRun`).
 */
export function textRunLanes(text: string): { lane1: number; lane2: number } {
  let t1 = TEXT1;
  let t2 = TEXT2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    t1 = Math.imul(t1 ^ c, M1);
    t2 = Math.imul(t2 ^ c, M2);
  }
  return { lane1: t1, lane2: t2 };
}

/** Hashes one detail at a time, fed as text, code units, integers or pre-hashed text runs; `finish` leaves the lanes. */
export class DetailHasher {
  private a = SEED1;
  private b = SEED2;
  /** The open text run (`runLength` > 0): its lanes so far. */
  private t1 = TEXT1;
  private t2 = TEXT2;
  private runLength = 0;
  /** The open digit run (`digitLength` > 0): its value so far. */
  private digitValue = 0;
  private digitLength = 0;
  /** The hash of the last finished detail. */
  lane1 = 0;
  lane2 = 0;

  reset(): void {
    this.a = SEED1;
    this.b = SEED2;
    this.runLength = 0;
    this.digitValue = 0;
    this.digitLength = 0;
  }

  /** Feeds a string, code unit by code unit. */
  text(s: string): void {
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
  }

  /** Feeds one UTF-16 code unit. */
  unit(c: number): void {
    if (c >= ZERO && c <= NINE) {
      if (this.runLength > 0) this.closeText();
      if (this.digitLength === MAX_TOKEN_DIGITS) this.closeDigits();
      this.digitValue = this.digitValue * 10 + (c - ZERO);
      this.digitLength++;
      return;
    }
    if (this.digitLength > 0) this.closeDigits();
    if (this.runLength === 0) {
      this.t1 = TEXT1;
      this.t2 = TEXT2;
    }
    this.t1 = Math.imul(this.t1 ^ c, M1);
    this.t2 = Math.imul(this.t2 ^ c, M2);
    this.runLength++;
  }

  /**
   * Feeds the decimal digits of `value` (a whole number, `length` digits with any leading
   * zeros, value below 2^53): the same as feeding them one by one.
   */
  digits(value: number, length: number): void {
    if (this.runLength > 0) this.closeText();
    for (;;) {
      const room = MAX_TOKEN_DIGITS - this.digitLength;
      if (length <= room) {
        this.digitValue = this.digitValue * POW10[length] + value;
        this.digitLength += length;
        return;
      }
      // The first `room` digits end this token; the rest start the next.
      const scale = POW10[length - room];
      let head = Math.floor(value / scale);
      let rest = value - head * scale;
      if (rest < 0) {
        head--;
        rest += scale;
      } else if (rest >= scale) {
        head++;
        rest -= scale;
      }
      this.digitValue = this.digitValue * POW10[room] + head;
      this.digitLength = MAX_TOKEN_DIGITS;
      this.closeDigits();
      value = rest;
      length -= room;
    }
  }

  /** Feeds `String(x)` for a number: a safe integer as its sign and digits (no text made), anything else as its text. */
  integer(x: number): void {
    if (!Number.isSafeInteger(x)) {
      this.text(String(x));
      return;
    }
    if (x < 0) {
      this.unit(MINUS);
      x = -x;
    }
    this.digits(x, digitCount(x)); // -0 is written "0"
  }

  /**
   * Feeds text with no digits whose run lanes are known (`textRunLanes`): pre-hashed when it
   * starts a run, fed unit by unit when it continues one.
   */
  textRun(text: string, lane1: number, lane2: number): void {
    if (text.length === 0) return;
    if (this.runLength > 0) {
      this.text(text);
      return;
    }
    if (this.digitLength > 0) this.closeDigits();
    this.t1 = lane1;
    this.t2 = lane2;
    this.runLength = text.length;
  }

  /** Ends the detail: its lanes are in `lane1`, `lane2`; the hasher is ready for the next. */
  finish(): void {
    if (this.runLength > 0) this.closeText();
    else if (this.digitLength > 0) this.closeDigits();
    this.lane1 = finalLane1(this.a);
    this.lane2 = finalLane2(this.b);
    this.a = SEED1;
    this.b = SEED2;
  }

  private closeText(): void {
    const tag = TEXT_TAG ^ this.runLength;
    this.a = mixText(this.a, tag, this.t1, M1);
    this.b = mixText(this.b, tag, this.t2, M2);
    this.runLength = 0;
  }

  private closeDigits(): void {
    const v = this.digitValue;
    const hi = Math.floor(v / TWO_32); // exact: a power of two (no float remainder, which is a call)
    const lo = v - hi * TWO_32;
    const tag = DIGITS_TAG ^ this.digitLength;
    this.a = mixDigits(this.a, tag, lo, hi, M1);
    this.b = mixDigits(this.b, tag, lo, hi, M2);
    this.digitValue = 0;
    this.digitLength = 0;
  }
}

/**
 * The hash of details made of fixed texts around whole numbers, `T0<x>T1<y>T2`, for the
 * hottest lines: the texts (no digits in them, none empty between two numbers) are hashed
 * once, here, so a line mixes only its numbers between the texts' pre-hashed runs, with no
 * method call per piece. It is the hash `DetailHasher` gives the same detail as text.
 */
export class IntDetailShape {
  /** The hash lanes once the first text is closed. */
  private readonly startA: number;
  private readonly startB: number;
  /** For each later text (index 1 on): its closing tag and run lanes (tag 0: an empty last text). */
  private readonly tags: number[];
  private readonly runs1: number[];
  private readonly runs2: number[];
  /** The lanes while a line is mixed, and its hash once done. */
  private a = 0;
  private b = 0;
  lane1 = 0;
  lane2 = 0;

  constructor(readonly texts: readonly string[]) {
    if (texts.length < 2) throw new RangeError('IntDetailShape: texts around at least one number');
    texts.forEach((text, i) => {
      if (/[0-9]/.test(text)) throw new RangeError(`IntDetailShape: ${JSON.stringify(text)} has digits`);
      if (text === '' && i > 0 && i < texts.length - 1) throw new RangeError('IntDetailShape: an empty text between two numbers');
    });
    const run = (text: string) => ({ tag: text === '' ? 0 : TEXT_TAG ^ text.length, ...textRunLanes(text) });
    const first = run(texts[0]);
    let a = SEED1;
    let b = SEED2;
    if (first.tag !== 0) {
      a = mixText(a, first.tag, first.lane1, M1);
      b = mixText(b, first.tag, first.lane2, M2);
    }
    this.startA = a;
    this.startB = b;
    const rest = texts.slice(1).map(run);
    this.tags = rest.map((r) => r.tag);
    this.runs1 = rest.map((r) => r.lane1);
    this.runs2 = rest.map((r) => r.lane2);
  }

  /** Hashes `T0<x>T1` (a shape of one number); false, hashing nothing, unless x is a whole number in [0, 10^15). */
  hash1(x: number): boolean {
    if (this.tags.length !== 1) throw new RangeError(`IntDetailShape: made for ${this.tags.length} numbers, given 1`);
    if (!isShortWhole(x)) return false;
    this.a = this.startA;
    this.b = this.startB;
    this.mix(x, 0);
    this.finish();
    return true;
  }

  /** Hashes `T0<x>T1<y>T2` (a shape of two numbers); false, hashing nothing, unless both are whole numbers in [0, 10^15). */
  hash2(x: number, y: number): boolean {
    if (this.tags.length !== 2) throw new RangeError(`IntDetailShape: made for ${this.tags.length} number${this.tags.length === 1 ? '' : 's'}, given 2`);
    if (!isShortWhole(x) || !isShortWhole(y)) return false;
    this.a = this.startA;
    this.b = this.startB;
    this.mix(x, 0);
    this.mix(y, 1);
    this.finish();
    return true;
  }

  /** Mixes in number `x` (its digit token) and then text `i + 1` (its run, when not empty). */
  private mix(x: number, i: number): void {
    const hi = Math.floor(x / TWO_32);
    const lo = x - hi * TWO_32;
    const digitsTag = DIGITS_TAG ^ digitCount(x);
    let a = mixDigits(this.a, digitsTag, lo, hi, M1);
    let b = mixDigits(this.b, digitsTag, lo, hi, M2);
    const tag = this.tags[i];
    if (tag !== 0) {
      a = mixText(a, tag, this.runs1[i], M1);
      b = mixText(b, tag, this.runs2[i], M2);
    }
    this.a = a;
    this.b = b;
  }

  private finish(): void {
    this.lane1 = finalLane1(this.a);
    this.lane2 = finalLane2(this.b);
  }

  /** The detail as text. */
  text1(x: number): string {
    return this.texts[0] + String(x) + this.texts[1];
  }

  text2(x: number, y: number): string {
    return this.texts[0] + String(x) + this.texts[1] + String(y) + this.texts[2];
  }
}

/** A whole number of at most 15 digits (one digit token), -0 included (written "0"). */
function isShortWhole(x: number): boolean {
  return x >= 0 && x < 1e15 && Math.floor(x) === x;
}
