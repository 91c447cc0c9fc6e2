import { describe, expect, it } from 'vitest';
import { allOf, Signal, Simulator, spawn, timeout } from '../../src/kernel';

describe('generator processes', () => {
  it('yield timeout(d) resumes the process d ms later', () => {
    const sim = new Simulator();
    const times: number[] = [];
    spawn(sim, (function* () {
      times.push(sim.now);
      yield timeout(300);
      times.push(sim.now);
      yield timeout(0);
      times.push(sim.now);
      yield timeout(1200);
      times.push(sim.now);
    })());
    sim.run();
    expect(times).toEqual([0, 300, 300, 1500]);
  });

  it('a process waits on another process and receives its return value', () => {
    const sim = new Simulator();
    let got: unknown;
    let at = -1;
    const child = spawn(sim, (function* () {
      yield timeout(50);
      return 'child done';
    })());
    spawn(sim, (function* () {
      got = yield child;
      at = sim.now;
    })());
    sim.run();
    expect(got).toBe('child done');
    expect(at).toBe(50);
  });

  it('waiting on an already finished process resumes at once', () => {
    const sim = new Simulator();
    const child = spawn(sim, (function* () {
      return 7;
    })());
    let got: unknown;
    sim.run();
    spawn(sim, (function* () {
      got = yield child;
    })());
    sim.run();
    expect(got).toBe(7);
  });

  it('a signal wakes every waiter, in the order they began to wait, with its value', () => {
    const sim = new Simulator();
    const acknowledged = new Signal<string>(sim);
    const log: string[] = [];
    for (const name of ['a', 'b']) {
      spawn(sim, (function* () {
        const v = yield acknowledged;
        log.push(`${name}:${String(v)}@${sim.now}`);
      })());
    }
    sim.at(40, () => acknowledged.fire('ok'));
    sim.run();
    expect(log).toEqual(['a:ok@40', 'b:ok@40']);
  });

  it('allOf waits for the slowest part (a recovery-plan group of parallel VMs)', () => {
    const sim = new Simulator();
    let doneAt = -1;
    const vm = (bootMs: number) =>
      spawn(sim, (function* () {
        yield timeout(bootMs);
        return bootMs;
      })());
    let values: unknown;
    spawn(sim, (function* () {
      values = yield allOf([vm(180_000), vm(300_000), timeout(60_000)]);
      doneAt = sim.now;
    })());
    sim.run();
    expect(doneAt).toBe(300_000);
    expect((values as unknown[]).slice(0, 2)).toEqual([180_000, 300_000]);
  });

  it('kill() stops a waiting process for good and finishes it', () => {
    const sim = new Simulator();
    const log: number[] = [];
    const p = spawn(sim, (function* () {
      yield timeout(10);
      log.push(sim.now);
      yield timeout(100);
      log.push(sim.now);
    })());
    sim.at(50, () => p.kill());
    sim.run();
    expect(log).toEqual([10]);
    expect(p.finished).toBe(true);
    expect(sim.now).toBe(50);
  });
});
