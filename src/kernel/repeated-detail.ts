// A log line detail `PREFIX<integer>` that many lines in a row repeat: every VM's log of one
// Hyper-V cycle arrives, and its point becomes available, with the same close time. The text
// is written and hashed once per value; each line then costs only the fold of its time, kind
// and subject into the digest (the same digest as the line written out in full).

import { detailLanes, type LogWord } from './digest';
import { LogLineWriter, textOfCodes } from './log-line-writer';

/** The detail is written alone: its line's kind and subject are not part of it. */
const NO_WORD: LogWord = { text: '', slot: 0 };

export class RepeatedDetail {
  private value = NaN;
  private codes: Uint16Array = new Uint16Array(0);
  private length = 0;
  private textOfValue: string | null = null;
  private readonly lanes = new Int32Array(2);
  private readonly writer = new LogLineWriter((_t, _k, _s, codes, length) => {
    this.codes = codes;
    this.length = length;
    detailLanes(codes, length, this.lanes);
  });

  constructor(readonly prefix: string) {}

  /** Makes the detail `prefix + value` (written and hashed only when `value` differs from the last). */
  setValue(value: number): void {
    if (value === this.value) return;
    this.value = value;
    this.textOfValue = null;
    this.writer.begin(0, NO_WORD, NO_WORD).text(this.prefix).int(value).end();
  }

  get lane1(): number {
    return this.lanes[0];
  }

  get lane2(): number {
    return this.lanes[1];
  }

  /** The detail as text (made when a sink or the tail asks). */
  get text(): string {
    return (this.textOfValue ??= textOfCodes(this.codes, this.length));
  }
}
