// Benchmark `kernel-hold`: the classic hold model on the kernel (1,000 pending events, each
// popped event schedules one more at now + Exp(1 s)), against a bare typed-array heap.
import { Simulator, RandomStream } from '../kernel';
import { BareHeap } from './bare-heap';

const PENDING = 1_000;
const EVENTS = 5_000_000;
const MEAN_DELAY_MS = 1_000;

/** The same integer delays for both runs, drawn once, so neither pays for the rng. */
function delays(count: number): Int32Array {
  const rng = RandomStream.for(1, 'kernel-hold', 'delays');
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.round(rng.exponential(MEAN_DELAY_MS));
  return out;
}

function runKernel(d: Int32Array): { seconds: number; finalTime: number } {
  const sim = new Simulator();
  const mask = d.length - 1;
  let k = 0;
  const hold = () => {
    sim.after(d[k++ & mask], hold);
  };
  for (let i = 0; i < PENDING; i++) sim.at(d[k++ & mask], hold);
  const start = performance.now();
  sim.run({ maxEvents: EVENTS });
  return { seconds: (performance.now() - start) / 1000, finalTime: sim.now };
}

function runBare(d: Int32Array): { seconds: number; finalTime: number } {
  const heap = new BareHeap(PENDING + 1);
  const mask = d.length - 1;
  let k = 0;
  for (let i = 0; i < PENDING; i++) heap.push(d[k++ & mask]);
  const start = performance.now();
  let now = 0;
  for (let i = 0; i < EVENTS; i++) {
    now = heap.pop();
    heap.push(now + d[k++ & mask]);
  }
  return { seconds: (performance.now() - start) / 1000, finalTime: now };
}

export function kernelHold(): string {
  const d = delays(1 << 20);
  // Warm both paths up once so the JIT has compiled them, then measure.
  runKernel(d);
  runBare(d);
  const kernel = runKernel(d);
  const bare = runBare(d);
  if (kernel.finalTime !== bare.finalTime) {
    throw new Error(`kernel-hold: kernel and reference disagree (${kernel.finalTime} vs ${bare.finalTime} ms)`);
  }
  const eventsPerS = EVENTS / kernel.seconds;
  const referencePerS = EVENTS / bare.seconds;
  return (
    `kernel-hold events_per_s=${Math.round(eventsPerS)} reference_events_per_s=${Math.round(referencePerS)} ` +
    `ratio=${(eventsPerS / referencePerS).toFixed(2)} events=${EVENTS} pending=${PENDING}`
  );
}
