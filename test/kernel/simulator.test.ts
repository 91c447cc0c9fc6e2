import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel';
import { NEAR_MS } from '../../src/kernel/event-queue';

describe('Simulator', () => {
  it('runs events in time order, and simultaneous events in the order they were scheduled', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.at(20, () => seen.push('c@20'));
    sim.at(10, () => seen.push('a@10'));
    sim.at(10, () => seen.push('b@10'));
    sim.at(0, () => seen.push('first@0'));
    sim.at(20, () => seen.push('d@20'));
    expect(sim.run()).toBe('empty');
    expect(seen).toEqual(['first@0', 'a@10', 'b@10', 'c@20', 'd@20']);
    expect(sim.now).toBe(20);
    expect(sim.eventsExecuted).toBe(5);
  });

  it('runs an event scheduled for "now" by a callback after those already queued for now', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.at(5, () => {
      seen.push('x');
      sim.after(0, () => seen.push('x-child'));
    });
    sim.at(5, () => seen.push('y'));
    sim.run();
    expect(seen).toEqual(['x', 'y', 'x-child']);
  });

  it('passes the scheduled argument to the callback', () => {
    const sim = new Simulator();
    const got: number[] = [];
    const cb = (n: number) => got.push(n);
    sim.at(3, cb, 30);
    sim.at(1, cb, 10);
    sim.run();
    expect(got).toEqual([10, 30]);
  });

  it('cancels a pending event, and a second cancel of the same handle is refused', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const handles = [1, 2, 3, 4, 5].map((t) => sim.at(t * 10, () => seen.push(t)));
    expect(sim.cancel(handles[2])).toBe(true);
    expect(sim.cancel(handles[2])).toBe(false);
    expect(sim.isPending(handles[3])).toBe(true);
    sim.run();
    expect(seen).toEqual([1, 2, 4, 5]);
    expect(sim.cancel(handles[0])).toBe(false);
  });

  it('never lets a stale handle cancel the event that reused its slot', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const stale = sim.at(1, () => seen.push('old'));
    sim.run();
    sim.at(5, () => seen.push('new')); // reuses the freed slot
    expect(sim.cancel(stale)).toBe(false);
    sim.run();
    expect(seen).toEqual(['old', 'new']);
  });

  it('keeps heap order under many random cancellations (against a sorted reference)', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000;
    const live = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const t = next();
      const id = i;
      live.set(id, sim.at(t, () => seen.push(t)));
      if (i % 3 === 0) {
        const victim = (i * 7) % (i + 1);
        const h = live.get(victim);
        if (h !== undefined && sim.cancel(h)) live.delete(victim);
      }
    }
    sim.run();
    expect(seen.length).toBe(live.size);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('keeps (time, order scheduled) across near and far events, with cancellations (against a plain list)', () => {
    // Delays from 0 to 5 s straddle the near heap's horizon (NEAR_MS), so events due at one
    // millisecond sit in both heaps; the reference is a list sorted by (time, sequence).
    expect(NEAR_MS).toBeLessThan(5_000);
    const sim = new Simulator();
    let x = 987654321;
    const next = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    const delays = [0, 1, 2, NEAR_MS - 1, NEAR_MS, NEAR_MS + 1, 3_000, 5_000];
    let pending: { t: number; seq: number; id: number; handle: number }[] = [];
    let seq = 0;
    let id = 0;
    let ran = 0;
    const schedule = (t: number) => {
      const me = id++;
      pending.push({ t, seq: seq++, id: me, handle: sim.at(t, fire, me) });
    };
    function fire(me: number): void {
      ran++;
      // The reference's next event: the smallest (time, sequence) pending.
      pending.sort((a, b) => a.t - b.t || a.seq - b.seq);
      const head = pending.shift()!;
      expect([head.id, head.t]).toEqual([me, sim.now]);
      if (id < 6_000) for (let k = 1 + next(2); k > 0; k--) schedule(sim.now + delays[next(delays.length)]);
      if (next(4) === 0 && pending.length > 0) {
        const victim = pending[next(pending.length)];
        expect(sim.cancel(victim.handle)).toBe(true);
        pending = pending.filter((p) => p !== victim);
      }
    }
    for (let i = 0; i < 50; i++) schedule(next(4_000));
    sim.run();
    expect(ran).toBeGreaterThan(4_000);
    expect(pending).toEqual([]);
  });

  it('run({ untilMs }) runs events at or before the limit and leaves the clock there', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const t of [5, 10, 15]) sim.at(t, () => seen.push(t));
    expect(sim.run({ untilMs: 10 })).toBe('until');
    expect(seen).toEqual([5, 10]);
    expect(sim.now).toBe(10);
    expect(sim.peek()).toBe(15);
    expect(sim.run({ untilMs: 12 })).toBe('until');
    expect(sim.now).toBe(12);
    sim.run();
    expect(seen).toEqual([5, 10, 15]);
  });

  it('run({ maxEvents }) stops after that many events', () => {
    const sim = new Simulator();
    const tick = () => sim.after(1, tick);
    sim.at(0, tick);
    expect(sim.run({ maxEvents: 1000 })).toBe('maxEvents');
    expect(sim.eventsExecuted).toBe(1000);
    expect(sim.now).toBe(999);
  });

  it('step() runs exactly one event and reports when none is left', () => {
    const sim = new Simulator();
    sim.at(7, () => {});
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(7);
    expect(sim.step()).toBe(false);
  });

  it('refuses times in the past and fractional milliseconds', () => {
    const sim = new Simulator();
    sim.at(10, () => {});
    sim.run();
    expect(() => sim.at(5, () => {})).toThrow(/past/);
    expect(() => sim.after(1.5, () => {})).toThrow(/integer/);
  });

  it('stop() from inside a callback ends run() after that event', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    sim.at(1, () => seen.push(1));
    sim.at(2, () => {
      seen.push(2);
      sim.stop();
    });
    sim.at(3, () => seen.push(3));
    expect(sim.run()).toBe('stopped');
    expect(seen).toEqual([1, 2]);
  });

  it('grows past its initial capacity without losing order', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (let i = 50_000; i > 0; i--) sim.at(i, () => seen.push(i));
    sim.run();
    expect(seen.length).toBe(50_000);
    expect(seen[0]).toBe(1);
    expect(seen[49_999]).toBe(50_000);
  });
});
