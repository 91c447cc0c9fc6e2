// The reference for `kernel-hold`: a bare binary heap over typed arrays keyed by
// (time, sequence), with no slots, handles or dispatch — the floor a kernel is measured against.

export class BareHeap {
  private time: Float64Array;
  private seq: Float64Array;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
  }

  push(t: number): void {
    const ht = this.time;
    const hs = this.seq;
    const s = this.nextSeq++;
    let pos = this.n++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (pt < t || (pt === t && hs[parent] < s)) break;
      ht[pos] = pt;
      hs[pos] = hs[parent];
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
  }

  /** Removes and returns the earliest time. */
  pop(): number {
    const ht = this.time;
    const hs = this.seq;
    const top = ht[0];
    const n = --this.n;
    const t = ht[n];
    const s = hs[n];
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let ct = ht[child];
      let cs = hs[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && hs[right] < cs)) {
          child = right;
          ct = rt;
          cs = hs[right];
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      ht[pos] = ct;
      hs[pos] = cs;
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    return top;
  }
}
