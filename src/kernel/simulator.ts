// The discrete-event simulator: an integer-millisecond clock over the event queue, with
// scheduled callbacks for hot paths, `run({ untilMs, maxEvents })`, `step()` and `peek()`.
import { EventQueue, type EventCallback } from './event-queue';

export type StopReason = 'empty' | 'until' | 'maxEvents' | 'stopped';

export interface RunOptions {
  /** Run events with time <= untilMs, then leave the clock at untilMs. */
  untilMs?: number;
  /** Stop after this many events in this call (a bound so no input can run forever). */
  maxEvents?: number;
}

export class Simulator {
  /** Current simulated time, integer milliseconds since scenario start. */
  now = 0;
  /** Events executed since creation. */
  eventsExecuted = 0;
  private readonly queue = new EventQueue();
  private stopRequested = false;

  /** Schedules `callback(arg)` at absolute time `timeMs` (an integer, not in the past). */
  at(timeMs: number, callback: EventCallback, arg?: unknown): number {
    if (!(timeMs >= this.now) || !Number.isInteger(timeMs)) {
      throw new RangeError(`cannot schedule at ${timeMs} ms (now ${this.now} ms): times are integers, never in the past`);
    }
    return this.queue.push(timeMs, callback, arg, this.now);
  }

  /** Schedules `callback(arg)` after `delayMs` (a non-negative integer). */
  after(delayMs: number, callback: EventCallback, arg?: unknown): number {
    return this.at(this.now + delayMs, callback, arg);
  }

  /** Cancels a scheduled event; false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  isPending(handle: number): boolean {
    return this.queue.isPending(handle);
  }

  /** Time of the next event, Infinity if none. */
  peek(): number {
    return this.queue.peekTime();
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Runs the next event; false if there was none. */
  step(): boolean {
    const queue = this.queue;
    const time = queue.pop();
    if (time === Infinity) return false;
    this.now = time;
    this.eventsExecuted++;
    (queue.poppedCallback as EventCallback)(queue.poppedArg);
    return true;
  }

  /** Asks a running `run` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  run(options: RunOptions = {}): StopReason {
    const untilMs = options.untilMs ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (untilMs < this.now) throw new RangeError(`run until ${untilMs} ms is before now (${this.now} ms)`);
    const queue = this.queue;
    const stopAt = this.eventsExecuted + maxEvents;
    this.stopRequested = false;
    for (;;) {
      if (this.stopRequested) return 'stopped';
      const next = queue.peekTime();
      if (next === Infinity) {
        if (untilMs !== Infinity) this.now = untilMs;
        return untilMs === Infinity ? 'empty' : 'until';
      }
      if (next > untilMs) {
        this.now = untilMs;
        return 'until';
      }
      if (this.eventsExecuted >= stopAt) return 'maxEvents';
      queue.pop();
      this.now = next;
      this.eventsExecuted++;
      (queue.poppedCallback as EventCallback)(queue.poppedArg);
    }
  }
}
