// The series samples gathered between two frames: per series, packed triples
// `[vmIndex, timeMs, value, …]` in a growing Float64Array, handed out (and restarted) per frame.
import { STREAM_SERIES, type SeriesChunk, type StreamSeries } from './session-types';

class TripleBuffer {
  private data = new Float64Array(3 * 256);
  private used = 0;

  push(vm: number, tMs: number, value: number): void {
    if (this.used + 3 > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.used] = vm;
    this.data[this.used + 1] = tMs;
    this.data[this.used + 2] = value;
    this.used += 3;
  }

  get empty(): boolean {
    return this.used === 0;
  }

  /** The triples gathered (a copy of exactly their length), and a fresh start. */
  take(): Float64Array {
    const out = this.data.slice(0, this.used);
    this.used = 0;
    return out;
  }
}

export class SeriesBuffer {
  private readonly buffers = Object.fromEntries(STREAM_SERIES.map((n) => [n, new TripleBuffer()])) as Record<StreamSeries, TripleBuffer>;

  push(series: StreamSeries, vm: number, tMs: number, value: number): void {
    this.buffers[series].push(vm, tMs, value);
  }

  /** The chunk of every non-empty series, emptied. */
  take(): SeriesChunk {
    const chunk: SeriesChunk = {};
    for (const name of STREAM_SERIES) if (!this.buffers[name].empty) chunk[name] = this.buffers[name].take();
    return chunk;
  }
}

/** The array buffers of a chunk, to transfer rather than copy across to the main thread. */
export function chunkBuffers(chunk: SeriesChunk): ArrayBuffer[] {
  return Object.values(chunk).map((a) => a.buffer as ArrayBuffer);
}
