// Generator processes for orchestration (recovery plans, failover jobs): a process yields
// `timeout(ms)`, another process, a signal, or `allOf([...])`, and resumes when it is done.
import type { Simulator } from './simulator';

/** A one-shot occurrence that processes can wait on; it keeps its value once fired. */
export class Signal<T = unknown> {
  private waiters: ((value: T) => void)[] = [];
  fired = false;
  value: T | undefined;

  constructor(private readonly sim: Simulator) {}

  /** Fires the signal; waiters resume at the current time, in the order they started waiting. */
  fire(value?: T): void {
    if (this.fired) return;
    this.fired = true;
    this.value = value;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resume of waiters) this.sim.after(0, resume, value);
  }

  /** Calls `resume(value)` (through the event queue) once the signal has fired. */
  onFire(resume: (value: T) => void): void {
    if (this.fired) this.sim.after(0, resume, this.value);
    else this.waiters.push(resume);
  }
}

export interface Timeout {
  readonly kind: 'timeout';
  readonly ms: number;
}

export interface AllOf {
  readonly kind: 'allOf';
  readonly of: readonly Waitable[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a process may wait on a signal or process of any value type
export type Waitable = Timeout | Process<any> | Signal<any> | AllOf;

export function timeout(ms: number): Timeout {
  if (!(ms >= 0) || !Number.isInteger(ms)) throw new RangeError(`timeout of ${ms} ms: must be a non-negative integer`);
  return { kind: 'timeout', ms };
}

export function allOf(of: readonly Waitable[]): AllOf {
  return { kind: 'allOf', of };
}

export type ProcessBody<R> = Generator<Waitable, R, unknown>;

/** A running generator; it is itself waitable, and its `done` signal carries the return value. */
export class Process<R = unknown> {
  readonly done: Signal<R>;
  private killed = false;
  private pendingTimeout = -1;

  constructor(
    private readonly sim: Simulator,
    private readonly body: ProcessBody<R>,
    readonly name = 'process',
  ) {
    this.done = new Signal<R>(sim);
    sim.after(0, () => this.resume(undefined));
  }

  get finished(): boolean {
    return this.done.fired;
  }

  /** Stops the process where it waits; it finishes with value undefined and never resumes. */
  kill(): void {
    if (this.done.fired || this.killed) return;
    this.killed = true;
    if (this.pendingTimeout >= 0) this.sim.cancel(this.pendingTimeout);
    this.body.return(undefined as R);
    this.done.fire(undefined);
  }

  private resume(value: unknown): void {
    if (this.killed) return;
    this.pendingTimeout = -1;
    const next = this.body.next(value);
    if (next.done) {
      this.done.fire(next.value);
      return;
    }
    this.waitFor(next.value, (v) => this.resume(v));
  }

  private waitFor(what: Waitable, resume: (value: unknown) => void): void {
    if (what instanceof Process) {
      what.done.onFire(resume);
    } else if (what instanceof Signal) {
      what.onFire(resume);
    } else if (what.kind === 'timeout') {
      this.pendingTimeout = this.sim.after(what.ms, resume);
    } else {
      const parts = what.of;
      let remaining = parts.length;
      const values: unknown[] = new Array(parts.length);
      if (remaining === 0) {
        this.sim.after(0, resume, values);
        return;
      }
      parts.forEach((part, i) => {
        const whenDone = (v: unknown) => {
          values[i] = v;
          if (--remaining === 0) resume(values);
        };
        if (part instanceof Process) part.done.onFire(whenDone);
        else if (part instanceof Signal) part.onFire(whenDone);
        else if (part.kind === 'timeout') this.sim.after(part.ms, whenDone);
        else new Process(this.sim, (function* () { return yield part; })()).done.onFire(whenDone);
      });
    }
  }
}

/** Starts a process at the current time. */
export function spawn<R>(sim: Simulator, body: ProcessBody<R>, name?: string): Process<R> {
  return new Process(sim, body, name);
}
