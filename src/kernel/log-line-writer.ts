// Writes a log line's detail from text and integers straight into the digest's detail hash,
// so the hottest lines (a log sent every 30 s per VM, a churn step every 5 min per disk) cost
// no strings and no digits: an integer is hashed as its value, fixed text as its pre-hashed
// run, and the hash is the one the same text gives (see detail-hash). The text itself is
// made only when a sink or the tail wants it.

import { DetailHasher, textRunLanes } from './detail-hash';
import type { LogWord } from './digest';

/**
 * Receives a finished line: its fields, its detail's hash lanes, and its detail as text when
 * the writer keeps text ('' otherwise).
 */
export type HashedLineRecorder = (timeMs: number, kind: LogWord, subject: LogWord, lane1: number, lane2: number, detail: string) => void;

const NO_WORD: LogWord = { text: '', lane1: 0, lane2: 0 };

/**
 * Fixed text of a hot line (`log=`, ` sent=`): without digits, its run is hashed once, here,
 * not at every line.
 */
export class FixedText {
  private readonly lane1: number;
  private readonly lane2: number;
  /** Whether it is one text run (no digits), so its lanes stand for it. */
  private readonly runOnly: boolean;

  constructor(readonly text: string) {
    const lanes = textRunLanes(text);
    this.lane1 = lanes.lane1;
    this.lane2 = lanes.lane2;
    this.runOnly = !/[0-9]/.test(text);
  }

  /** Feeds it to `hasher`. */
  feed(hasher: DetailHasher): void {
    if (this.runOnly) hasher.textRun(this.text, this.lane1, this.lane2);
    else hasher.text(this.text);
  }
}

export class LogLineWriter {
  private readonly hasher = new DetailHasher();
  private detail = '';
  private open = false;
  private timeMs = 0;
  private kind = NO_WORD;
  private subject = NO_WORD;

  /** @param keepsText whether the recorder wants each detail's text (a sink or the tail reads it). */
  constructor(
    private readonly record: HashedLineRecorder,
    private readonly keepsText = false,
  ) {}

  /** Starts a line; finish it with `end()` before starting another. */
  begin(timeMs: number, kind: LogWord, subject: LogWord): this {
    if (this.open) throw new Error(`log line ${this.kind.text} ${this.subject.text} was begun but never ended`);
    this.open = true;
    this.timeMs = timeMs;
    this.kind = kind;
    this.subject = subject;
    this.hasher.reset();
    this.detail = '';
    return this;
  }

  /** Appends text as it is. */
  text(s: string): this {
    this.hasher.text(s);
    if (this.keepsText) this.detail += s;
    return this;
  }

  /** Appends fixed text (the same as `text(fixed.text)`). */
  fixed(fixed: FixedText): this {
    fixed.feed(this.hasher);
    if (this.keepsText) this.detail += fixed.text;
    return this;
  }

  /** Appends an integer exactly as `String(x)` writes it (anything else goes through `String`). */
  int(x: number): this {
    this.hasher.integer(x);
    if (this.keepsText) this.detail += String(x);
    return this;
  }

  /** Hands the line over (to the digest, and to a sink or the tail if any). */
  end(): void {
    this.open = false;
    this.hasher.finish();
    this.record(this.timeMs, this.kind, this.subject, this.hasher.lane1, this.hasher.lane2, this.detail);
  }
}
