// Validation against queueing theory: an M/M/1 queue built on the kernel.
import { describe, expect, it } from 'vitest';
import { RandomStream, Simulator } from '../../src/kernel';

describe('M/M/1 queue on the kernel', () => {
  it('mean time in system is within 2% of 1/(μ−λ) over a long run', () => {
    // λ = 0.7 per second, μ = 1 per second, in integer milliseconds: W = 1/(μ−λ) = 3.333… s.
    const meanInterarrivalMs = 1000 / 0.7;
    const meanServiceMs = 1000;
    const customers = 1_000_000;
    const arrivals = RandomStream.for(2024, 'mm1', 'arrivals');
    const services = RandomStream.for(2024, 'mm1', 'services');
    const sim = new Simulator();
    const queue: number[] = []; // arrival times of waiting customers (FIFO)
    let head = 0;
    let busy = false;
    let arrived = 0;
    let completed = 0;
    let totalSojournMs = 0;

    const startService = () => {
      busy = true;
      sim.after(Math.round(services.exponential(meanServiceMs)), depart);
    };
    const depart = () => {
      totalSojournMs += sim.now - queue[head++];
      completed++;
      busy = false;
      if (head < queue.length) startService();
    };
    const arrive = () => {
      queue.push(sim.now);
      arrived++;
      if (!busy) startService();
      if (arrived < customers) sim.after(Math.round(arrivals.exponential(meanInterarrivalMs)), arrive);
    };
    sim.at(0, arrive);
    sim.run();

    expect(completed).toBe(customers);
    const expectedMs = 1000 / (1 - 0.7);
    const measuredMs = totalSojournMs / completed;
    expect(Math.abs(measuredMs - expectedMs) / expectedMs).toBeLessThan(0.02);
  });
});
