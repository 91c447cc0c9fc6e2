// The run's event log: canonical lines `time kind subject detail` fed to a running digest
// (the run's fingerprint), with an optional sink for traces and a bounded tail for the UI.
import type { IntDetailShape } from './detail-hash';
import { Digest64, type LogWord } from './digest';
import { LogLineWriter } from './log-line-writer';
import type { RepeatedDetail } from './repeated-detail';

export interface LogEntry {
  readonly timeMs: number;
  readonly kind: string;
  readonly subject: string;
  readonly detail: string;
}

export type LogSink = (entry: LogEntry, line: string) => void;

/** Formats a number canonically: integers as they are, others rounded to 3 decimals. */
export function canonicalNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const s = x.toFixed(3);
  return s === '-0.000' ? '0.000' : s;
}

export class EventLog {
  private readonly digest = new Digest64();
  /** Writes the lines given piece by piece (`line`). */
  private readonly writer: LogLineWriter;
  private readonly tail: LogEntry[] = [];
  private tailStart = 0;
  /** A sink or the tail reads the lines: their text is made. */
  private readonly keepsText: boolean;
  count = 0;

  /**
   * @param tailCapacity how many recent entries to keep in memory (0: none).
   * @param sink receives every entry with its canonical line (for --trace files).
   */
  constructor(
    private readonly tailCapacity = 0,
    private readonly sink?: LogSink,
  ) {
    this.keepsText = tailCapacity > 0 || sink !== undefined;
    this.writer = new LogLineWriter((timeMs, kind, subject, lane1, lane2, detail) => {
      if (this.hashed(timeMs, kind, subject, lane1, lane2)) this.keep(timeMs, kind.text, subject.text, detail);
    }, this.keepsText);
  }

  record(timeMs: number, kind: string, subject: string, detail = ''): void {
    this.count++;
    this.digest.addFields(timeMs, kind, subject, detail);
    if (this.keepsText) this.keep(timeMs, kind, subject, detail); // else nobody reads the line: it is never built
  }

  /**
   * A kind or subject kept for the whole run: its hash is worked out once, so the lines an
   * entity writes all the time (a churn step, a log sent) need no lookup.
   */
  word(text: string): LogWord {
    return this.digest.word(text);
  }

  /**
   * Records a line whose detail is written piece by piece, for hot paths:
   * `log.line(t, churn, disk).text('rate=').int(r).end()` with `churn = log.word('churn')` and
   * `disk = log.word(key)` is `log.record(t, 'churn', key, `rate=${r}`)` (the same line, the
   * same digest) without a lookup or a string.
   */
  line(timeMs: number, kind: LogWord, subject: LogWord): LogLineWriter {
    return this.writer.begin(timeMs, kind, subject);
  }

  /**
   * Records `time kind subject PREFIX<value>` with `detail` a `RepeatedDetail` of that prefix:
   * the same line (the same digest) as `line(…).text(prefix).int(value).end()`, but a value
   * repeated by the lines before it is neither written nor hashed again.
   */
  repeatedLine(timeMs: number, kind: LogWord, subject: LogWord, detail: RepeatedDetail, value: number): void {
    detail.setValue(value);
    if (this.hashed(timeMs, kind, subject, detail.lane1, detail.lane2)) this.keep(timeMs, kind.text, subject.text, detail.text);
  }

  /**
   * Records `time kind subject T0<x>T1` for a shape of texts around one number: the same line
   * (the same digest) as `line(…).text(T0).int(x).text(T1).end()`, for the hottest lines.
   */
  intLine1(timeMs: number, kind: LogWord, subject: LogWord, shape: IntDetailShape, x: number): void {
    if (!shape.hash1(x)) {
      const [t0, t1] = shape.texts;
      this.line(timeMs, kind, subject).text(t0).int(x).text(t1).end();
      return;
    }
    if (this.hashed(timeMs, kind, subject, shape.lane1, shape.lane2)) this.keep(timeMs, kind.text, subject.text, shape.text1(x));
  }

  /** The same for a shape of texts around two numbers: `time kind subject T0<x>T1<y>T2`. */
  intLine2(timeMs: number, kind: LogWord, subject: LogWord, shape: IntDetailShape, x: number, y: number): void {
    if (!shape.hash2(x, y)) {
      const [t0, t1, t2] = shape.texts;
      this.line(timeMs, kind, subject).text(t0).int(x).text(t1).int(y).text(t2).end();
      return;
    }
    if (this.hashed(timeMs, kind, subject, shape.lane1, shape.lane2)) this.keep(timeMs, kind.text, subject.text, shape.text2(x, y));
  }

  /** Counts a line whose detail is hashed and folds it into the digest; true when its text is wanted (a sink or the tail). */
  private hashed(timeMs: number, kind: LogWord, subject: LogWord, lane1: number, lane2: number): boolean {
    this.count++;
    this.digest.addWordsHashed(timeMs, kind, subject, lane1, lane2);
    return this.keepsText;
  }

  private keep(timeMs: number, kind: string, subject: string, detail: string): void {
    const line = detail === '' ? `${timeMs} ${kind} ${subject}` : `${timeMs} ${kind} ${subject} ${detail}`;
    const entry: LogEntry = { timeMs, kind, subject, detail };
    if (this.tailCapacity > 0) this.remember(entry);
    this.sink?.(entry, line);
  }

  /** The 16-hex-digit digest of every line so far. */
  digestHex(): string {
    return this.digest.hex();
  }

  /** The most recent entries kept (oldest first). */
  recent(): LogEntry[] {
    return this.tail.slice(this.tailStart).concat(this.tail.slice(0, this.tailStart));
  }

  private remember(entry: LogEntry): void {
    if (this.tail.length < this.tailCapacity) {
      this.tail.push(entry);
    } else {
      this.tail[this.tailStart] = entry;
      this.tailStart = (this.tailStart + 1) % this.tailCapacity;
    }
  }
}
