// A first-in first-out queue over an array: taking from the front moves an index, not the
// elements, and an emptied queue starts again at the array's front. A queue that mostly
// holds one item (a Hyper-V VM's log waiting to be applied) then costs no allocation and no
// array shift once warm; one emptied after a long backlog (an outage, an initial
// replication) lets its array go rather than hold what it held.

/** An emptied queue whose storage holds more items than this lets it go (also a ring's, a list's). */
export const LONG_BACKLOG = 64;

/**
 * Moves `items[from..to)` to the front of the array, in order. A loop, not `copyWithin`: on
 * a JS array V8 runs that as a generic builtin, some 30× slower.
 */
export function moveToFront<T>(items: T[], from: number, to: number): void {
  for (let i = from; i < to; i++) items[i - from] = items[i];
}

export class Fifo<T> {
  private readonly items: T[] = [];
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  /** The oldest item, or undefined when empty. */
  get first(): T | undefined {
    return this.head < this.tail ? this.items[this.head] : undefined;
  }

  push(item: T): void {
    if (this.tail === this.items.length) this.items.push(item);
    else this.items[this.tail] = item;
    this.tail++;
  }

  /** Removes and returns the oldest item (undefined when empty). */
  shift(): T | undefined {
    if (this.head === this.tail) return undefined;
    const item = this.items[this.head++];
    if (this.head === this.tail) this.clear();
    else if (this.head > LONG_BACKLOG && 2 * this.head > this.tail) {
      // A long backlog drained from the front: move what is left to the front, once per halving.
      moveToFront(this.items, this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    if (this.items.length > LONG_BACKLOG) this.items.length = 0;
    this.head = 0;
    this.tail = 0;
  }
}
