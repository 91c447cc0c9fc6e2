// The fluid machinery against closed forms: transfers sharing a link, a buffer filling
// above its drain rate and draining at a known rate, batched recomputation.
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel';
import { CumulativeCurve } from '../../src/model/cumulative-curve';
import { FluidStage } from '../../src/model/fluid-stage';
import { SharedCapacity, type CapacityFlow } from '../../src/model/shared-capacity';
import { Transfer } from '../../src/model/transfer';

const MB = 1_000_000;

describe('Transfer over a SharedCapacity', () => {
  it('one transfer takes latency + bytes / bandwidth', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 12.5 * MB); // 100 Mbps
    let doneAt = -1;
    new Transfer(sim, link, 10 * 1024 ** 3, 20, () => (doneAt = sim.now));
    sim.run();
    // 10 GiB / 12.5 MB/s = 858.9934592 s → last byte at 858,994 ms (next whole ms), + 20 ms latency.
    expect(doneAt).toBe(Math.ceil((10 * 1024 ** 3) / 12_500) + 20);
  });

  it('two transfers share max-min fairly; the survivor then gets the whole link', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const done: Record<string, number> = {};
    new Transfer(sim, link, 100 * MB, 0, () => (done.small = sim.now));
    new Transfer(sim, link, 300 * MB, 0, () => (done.big = sim.now));
    sim.run();
    // Both at 5 MB/s until the small one ends at 20 s (100 MB); the big one has 200 MB left
    // after 20 s, then 10 MB/s for its last 200 MB: 20 s more.
    expect(done.small).toBe(20_000);
    expect(done.big).toBe(40_000);
  });

  it('joinTogether: members joining in one batch arrive exactly when they would one by one, with one re-share', () => {
    const arrivals = (batched: boolean) => {
      const sim = new Simulator();
      const link = new SharedCapacity(sim, 10 * MB);
      let reshares = 0;
      link.onRecompute = () => reshares++;
      const done: number[] = [];
      const join = () => {
        for (let i = 1; i <= 40; i++) new Transfer(sim, link, ((i * 37) % 11) * MB + i, 8, () => done.push(i * 1e9 + sim.now));
      };
      if (batched) link.joinTogether(join);
      else join();
      const resharesAtJoin = reshares;
      // A second batch later, nested in another one: it still re-shares once, at its end.
      let resharesNested = -1;
      sim.at(2_500, () => {
        const before = reshares;
        link.joinTogether(() => link.joinTogether(join));
        resharesNested = reshares - before;
      });
      sim.run();
      return { done: done.sort((a, b) => a - b), resharesAtJoin, resharesNested };
    };
    const single = arrivals(false);
    const batched = arrivals(true);
    expect(batched.done).toEqual(single.done);
    expect(single.resharesAtJoin).toBe(40);
    expect(batched.resharesAtJoin).toBe(1);
    expect([single.resharesNested, batched.resharesNested]).toEqual([1, 1]);
  });

  it('transfers joining one by one in an instant share as if they had joined together', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const done: number[] = [];
    // Three joins at 0 and a fourth at 6 s: equal shares, each end re-sharing at once.
    // 0–6 s: 3 × 3.33 MB/s (20 MB each sent); 6 s on: 4 × 2.5 MB/s; 10 MB left for the
    // 30 MB one ends at 10 s; then 3 × 3.33 MB/s.
    sim.at(0, () => {
      new Transfer(sim, link, 30 * MB, 0, () => done.push(sim.now));
      new Transfer(sim, link, 60 * MB, 0, () => done.push(sim.now));
      new Transfer(sim, link, 60 * MB, 0, () => done.push(sim.now));
    });
    sim.at(6000, () => new Transfer(sim, link, 10 * MB, 0, () => done.push(sim.now)));
    sim.run();
    // At 10 s the 30 MB one and the 10 MB one both end (10 MB each at 2.5 MB/s); the two
    // 60 MB ones have 30 MB left at 5 MB/s each: 6 s more.
    expect(done).toEqual([10_000, 10_000, 16_000, 16_000]);
    expect(link.grantedBytesPerS).toBe(0);
  });

  it('a transfer cancelled while its last bytes travel (latency) never arrives', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    let arrived = false;
    const t = new Transfer(sim, link, 10 * MB, 500, () => (arrived = true));
    sim.at(1200, () => t.cancel()); // last byte left at 1 s; arrival due at 1.5 s
    sim.run();
    expect(arrived).toBe(false);
    expect(t.sentBytes).toBe(10 * MB);
  });

  it('transfers sharing a link with latency: each arrives latency after its last byte, with one event per arrival', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const sent: number[] = [];
    const arrivals: number[] = [];
    // Sizes 10, 20, 40 MB from 0 at 10 MB/s shared: last bytes at 3 s (3 × 10 MB at 3.33 MB/s),
    // 5 s (10 MB more at 5 MB/s), 7 s (20 MB more at 10 MB/s); 250 ms latency. (Largest first,
    // so each join moves the predicted first arrival earlier and no wake-up comes too soon.)
    for (const size of [40, 20, 10]) new Transfer(sim, link, size * MB, 250, () => arrivals.push(sim.now));
    sim.at(4000, () => sent.push(link.grantedBytesPerS, link.flowCount)); // after the first last byte, before anyone else looks
    sim.run();
    expect(arrivals).toEqual([3250, 5250, 7250]);
    expect(sim.eventsExecuted).toBe(1 + 3); // the probe and one wake-up per arrival
    expect(sent).toEqual([10 * MB, 2]);
  });

  it('the link statistics hear each last byte at its own millisecond, even when settled later', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const heard: [number, number][] = [];
    link.onRecompute = (now) => heard.push([now, link.grantedBytesPerS]);
    new Transfer(sim, link, 10 * MB, 1000, () => {});
    new Transfer(sim, link, 30 * MB, 1000, () => {});
    sim.run();
    // Both join at 0; the 10 MB one's last byte leaves at 2 s, the 30 MB one's at 4 s.
    expect(heard.map(([t]) => t)).toEqual([0, 0, 2000, 4000]);
    expect(heard.at(-1)![1]).toBe(0);
  });

  it('a transfer paused after its last byte left still arrives; paused before, it waits', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const done: Record<string, number> = {};
    const early = new Transfer(sim, link, 10 * MB, 500, () => (done.early = sim.now));
    sim.at(1200, () => early.pause()); // last byte left at 1 s
    sim.run();
    expect(done.early).toBe(1500);
    const late = new Transfer(sim, link, 10 * MB, 500, () => (done.late = sim.now));
    sim.at(sim.now + 400, () => late.pause()); // 4 MB sent
    sim.at(sim.now + 2000, () => late.resume()); // 6 MB left: 600 ms, then 500 ms latency
    const resumedAt = sim.now + 2000;
    sim.run();
    expect(done.late).toBe(resumedAt + 600 + 500);
  });

  it('a finished transfer sent again (from its own completion) takes its new bytes at the rates of a new one', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const arrivals: number[] = [];
    let rounds = 0;
    const t: Transfer = new Transfer(sim, link, 10 * MB, 100, () => {
      arrivals.push(sim.now);
      if (++rounds < 3) t.again(20 * MB);
    });
    expect(() => t.again(1)).toThrow(/under way/);
    sim.run();
    // 1 s + 100 ms, then 2 s + 100 ms twice.
    expect(arrivals).toEqual([1100, 3200, 5300]);
    expect(t.sentBytes).toBe(20 * MB);
    expect(t.idle).toBe(true);
  });

  it('a transfer capped below its share leaves the rest to the other (water-filling)', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    const a = new Transfer(sim, link, 1e12, 0, () => {}, 2 * MB);
    const b = new Transfer(sim, link, 1e12, 0, () => {});
    sim.run({ untilMs: 1000 });
    expect(a.rateBytesPerS).toBe(2 * MB);
    expect(b.rateBytesPerS).toBe(8 * MB);
  });

  it('a change of capacity (a degrade) re-shares at that instant', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    let doneAt = -1;
    new Transfer(sim, link, 100 * MB, 0, () => (doneAt = sim.now));
    sim.at(5000, () => (link.capacityBytesPerS = 2.5 * MB)); // 50 MB sent, 50 MB left at 2.5 MB/s
    sim.run();
    expect(doneAt).toBe(25_000);
  });

  it('paused transfers take nothing and resume where they were', () => {
    const sim = new Simulator();
    const link = new SharedCapacity(sim, 10 * MB);
    let doneAt = -1;
    const t = new Transfer(sim, link, 100 * MB, 0, () => (doneAt = sim.now));
    sim.at(4000, () => t.pause());
    sim.at(10_000, () => t.resume());
    sim.run();
    expect(doneAt).toBe(16_000);
  });
});

describe('FluidStage', () => {
  it('follows its input while the grant allows (no backlog)', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 10 * MB);
    const input = new CumulativeCurve(0, 0, 4 * MB / 1000);
    const stage = new FluidStage(sim, input, cap);
    sim.run({ untilMs: 60_000 });
    expect(stage.output.valueAt(60_000)).toBeCloseTo(240 * MB, 3);
    expect(stage.backlogBytes).toBe(0);
  });

  it('a burst above the drain rate builds a backlog that drains at (drain − input) once the burst ends', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 100 * MB);
    const input = new CumulativeCurve(0, 0, 0);
    const stage = new FluidStage(sim, input, cap, 5 * MB); // per-disk limit 5 MB/s
    // Input: 20 MB/s from 0 to 60 s, then 2 MB/s.
    sim.at(0, () => {
      input.setRate(0, 20 * MB / 1000);
      stage.inputChanged();
    });
    sim.at(60_000, () => {
      input.setRate(60_000, 2 * MB / 1000);
      stage.inputChanged();
    });
    let emptiedAt = -1;
    stage.onOutputRateChange = () => {
      if (stage.output.ratePerMs === input.ratePerMs && sim.now > 60_000 && emptiedAt < 0) emptiedAt = sim.now;
    };
    sim.run({ untilMs: 60_000 });
    // Backlog after the burst: (20 − 5) MB/s × 60 s = 900 MB.
    expect(stage.backlogBytes).toBeCloseTo(900 * MB, 0);
    sim.run({ untilMs: 10 * 60_000 });
    // Drains at 5 − 2 = 3 MB/s: 300 s after the burst ends.
    expect(emptiedAt).toBe(360_000);
    expect(stage.backlogBytes).toBeLessThan(1);
    // Conservation: what went in either came out or waits (none waits now).
    expect(stage.output.valueAt(sim.now)).toBeCloseTo(input.valueAt(sim.now), 0);
  });

  it('changes at one instant on an unsaturated capacity cost no water-fill: each fitting demand is granted at once', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 1000 * MB);
    const inputs = Array.from({ length: 100 }, () => new CumulativeCurve(0, 0, 0));
    const stages = inputs.map((i) => new FluidStage(sim, i, cap));
    sim.run();
    const fillsBefore = cap.waterFills;
    for (let k = 0; k < 100; k++) {
      sim.at(300_000, () => {
        inputs[k].setRate(300_000, 1000);
        stages[k].inputChanged();
      });
    }
    sim.run();
    expect(cap.waterFills - fillsBefore).toBe(0);
    expect(stages.every((s) => s.outputRateBytesPerS === 1_000_000)).toBe(true);
    expect(cap.grantedBytesPerS).toBeCloseTo(100 * MB, 3);
  });

  it('changes at one instant on a saturated capacity cost one water-fill', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 50 * MB);
    const inputs = Array.from({ length: 100 }, () => new CumulativeCurve(0, 0, 100)); // 100 kB/s each
    const stages = inputs.map((i) => new FluidStage(sim, i, cap));
    sim.run();
    const fillsBefore = cap.waterFills;
    for (let k = 0; k < 100; k++) {
      sim.at(300_000, () => {
        inputs[k].setRate(300_000, 1000); // 1 MB/s each: 100 MB/s asked of 50 MB/s
        stages[k].inputChanged();
      });
    }
    sim.run({ untilMs: 300_000 });
    expect(cap.waterFills - fillsBefore).toBe(1);
    expect(stages.every((s) => s.outputRateBytesPerS === 500_000)).toBe(true);
  });
});

describe('SharedCapacity incremental regrants', () => {
  class Greedy implements CapacityFlow {
    rate = 0;
    capacitySlot = -1;
    constructor(public demand: number) {}
    demandBytesPerS() {
      return this.demand;
    }
    grant(r: number) {
      this.rate = r;
    }
  }

  it('matches a full water-fill after every sequence of demand changes', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 100);
    const flows = Array.from({ length: 12 }, (_, i) => new Greedy(i * 3));
    flows.forEach((f) => cap.add(f));
    sim.run();
    let x = 7;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 40;
    for (let step = 0; step < 400; step++) {
      const f = flows[rnd() % flows.length];
      f.demand = rnd() === 0 ? Infinity : rnd();
      cap.markDirty(f);
      if (step % 50 === 0) cap.capacityBytesPerS = 20 + rnd() * 3;
      sim.run();
      const fresh = new SharedCapacity(sim, cap.capacityBytesPerS);
      const copies = flows.map((g) => new Greedy(g.demand));
      copies.forEach((c) => fresh.add(c));
      fresh.recompute();
      flows.forEach((g, i) => expect(g.rate).toBeCloseTo(copies[i].rate, 9));
    }
  });

  it('a flow is in one capacity at a time: another refuses it, removing it elsewhere leaves the first alone', () => {
    const sim = new Simulator();
    const a = new SharedCapacity(sim, 100, 'a');
    const b = new SharedCapacity(sim, 100, 'b');
    const f = new Greedy(10);
    const g = new Greedy(20);
    a.add(f);
    b.add(g); // both at place 0 of their capacity
    expect(() => b.add(f)).toThrow(/another capacity/);
    b.remove(f); // not b's: nothing happens
    a.remove(g);
    sim.run();
    expect([a.flowCount, b.flowCount, f.rate, g.rate]).toEqual([1, 1, 10, 20]);
    a.remove(f);
    b.add(f);
    sim.run();
    expect([a.flowCount, b.flowCount, f.rate, g.rate]).toEqual([0, 2, 10, 20]);
  });

  it('counts a flow marked dirty twice in one instant once: totals stay the sums of demands and grants', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 1000);
    const flows = Array.from({ length: 5 }, (_, i) => new Greedy(10 * (i + 1)));
    flows.forEach((f) => cap.add(f));
    sim.run();
    for (let step = 1; step <= 20; step++) {
      const f = flows[step % flows.length];
      f.demand = (step * 37) % 90;
      cap.markDirty(f);
      cap.markDirty(f);
      sim.run();
      const demanded = flows.reduce((sum, g) => sum + g.demand, 0);
      const granted = flows.reduce((sum, g) => sum + g.rate, 0);
      expect(cap.demandedBytesPerS).toBeCloseTo(demanded, 9);
      expect(cap.grantedBytesPerS).toBeCloseTo(granted, 9);
    }
  });
});

describe('FluidStage grants', () => {
  it('an empty stage whose input rises is granted its input rate, not its whole limit', () => {
    const sim = new Simulator();
    const cap = new SharedCapacity(sim, 100 * MB);
    const input = new CumulativeCurve(0, 0, 1000); // 1 MB/s
    const stage = new FluidStage(sim, input, cap, 20 * MB);
    sim.run();
    sim.at(60_000, () => {
      input.setRate(60_000, 3000); // 3 MB/s
      stage.inputChanged();
    });
    sim.run();
    expect(stage.outputRateBytesPerS).toBe(3 * MB);
    expect(cap.grantedBytesPerS).toBe(3 * MB);
    expect(cap.demandedBytesPerS).toBe(3 * MB);
  });
});
