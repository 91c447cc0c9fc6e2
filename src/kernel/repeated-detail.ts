// A log line detail `PREFIX<integer>` that many lines in a row repeat: every VM's log of one
// Hyper-V cycle arrives, and its point becomes available, with the same close time. It is
// hashed once per value; each line then costs only the fold of its time, kind and subject
// into the digest (the same digest as the line written out in full).

import { DetailHasher } from './detail-hash';
import { FixedText } from './log-line-writer';

export class RepeatedDetail {
  private value = NaN;
  private readonly prefixText: FixedText;
  private readonly hasher = new DetailHasher();
  private textOfValue: string | null = null;

  constructor(readonly prefix: string) {
    this.prefixText = new FixedText(prefix);
  }

  /** Makes the detail `prefix + value` (hashed only when `value` differs from the last). */
  setValue(value: number): void {
    if (value === this.value) return;
    this.value = value;
    this.textOfValue = null;
    const h = this.hasher;
    h.reset();
    this.prefixText.feed(h);
    h.integer(value);
    h.finish();
  }

  get lane1(): number {
    return this.hasher.lane1;
  }

  get lane2(): number {
    return this.hasher.lane2;
  }

  /** The detail as text (made when a sink or the tail asks). */
  get text(): string {
    return (this.textOfValue ??= this.prefix + String(this.value));
  }
}
