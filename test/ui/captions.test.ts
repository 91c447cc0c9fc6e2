// Trainer captions: every kind trainer mode stops at has its own plain-language caption
// built from the entry's fields.
import { describe, expect, it } from 'vitest';
import { TRAINER_KINDS } from '../../src/session/simulation-session';
import { caption } from '../../src/ui/captions';

describe('trainer captions', () => {
  it('explains every trainer kind in its own words (no raw fallback)', () => {
    for (const kind of TRAINER_KINDS) {
      const c = caption({ timeMs: 0, kind, subject: 'vm-1', detail: '' });
      expect(c.title, kind).not.toBe(`${kind} vm-1`);
      expect(c.text.length, kind).toBeGreaterThan(0);
    }
  });

  it('reads the numbers of the entry', () => {
    expect(caption({ timeMs: 0, kind: 'vhd-sent', subject: 'db/data', detail: 'vhd=2/3' }).title).toBe('db/data: VHD 2 of 3 sent');
    expect(caption({ timeMs: 0, kind: 'ir-start', subject: 'sql/os', detail: 'bytes=32212254720 limit=20000000' }).text).toContain('30.0 GiB');
    expect(caption({ timeMs: 0, kind: 'plan-group', subject: 'orders', detail: 'group=2/3 vms=2' }).title).toBe('Recovery plan orders: group 2 of 3 started');
    expect(caption({ timeMs: 0, kind: 'fault', subject: 'wan', detail: 'bandwidth-factor=0.25' }).text).toContain('25%');
    expect(caption({ timeMs: 0, kind: 'vm-create', subject: 'sql', detail: 'site=northeurope point=93300000 crash' }).text).toContain('crash recovery point of 1d 2h');
  });
});
