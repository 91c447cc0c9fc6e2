import { describe, expect, it } from 'vitest';
import { canonicalNumber, Digest64, digestOfLines, EventLog } from '../../src/kernel';

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
    expect(digestOfLines([])).toBe('488bdcb81aee8d83');
    expect(log.digestHex()).toBe('d157cbd9b91d0247');
    expect(digestOfLines(['1 a x'])).not.toBe(digestOfLines(['1 b x']));
  });

  it('every field counts: time (beyond 32 bits too), kind, subject, detail, and where the detail starts', () => {
    const base = '4294967297 point vm1 crash t=300000';
    const variants = [
      '1 point vm1 crash t=300000', // the same low 32 bits of time
      '4294967297 points vm1 crash t=300000',
      '4294967297 point vm2 crash t=300000',
      '4294967297 point vm1 crash t=300001',
      '4294967297 point vm1 crasht=300000',
      '4294967297 point vm1crash t=300000',
      '4294967297 point vm1',
    ];
    const seen = new Set([digestOfLines([base])]);
    for (const v of variants) seen.add(digestOfLines([v]));
    expect(seen.size).toBe(variants.length + 1);
  });

  it('kinds and subjects are single words; a line without time, kind and subject is refused', () => {
    const d = new Digest64();
    expect(() => d.addFields(0, 'two words', 'x', '')).toThrow(/one word/);
    expect(() => d.addLine('run start')).toThrow(/canonical/);
    expect(() => d.addLine('x run start')).toThrow(/canonical/);
  });

  it('the digest is the same whether or not lines are kept or sent to a sink', () => {
    const plain = new EventLog();
    const kept = new EventLog(2, () => {});
    for (const log of [plain, kept]) {
      log.record(0, 'run', 'start', 'seed=7');
      log.record(0, 'churn', 'vm1/os', 'rate=10.500');
      log.record(1_234_567_891, 'point', 'vm1', 'crash t=1234560000');
      log.record(1_234_567_891, 'run', 'end');
    }
    expect(plain.digestHex()).toBe(kept.digestHex());
    expect(plain.digestHex()).toBe(
      digestOfLines(['0 run start seed=7', '0 churn vm1/os rate=10.500', '1234567891 point vm1 crash t=1234560000', '1234567891 run end']),
    );
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
