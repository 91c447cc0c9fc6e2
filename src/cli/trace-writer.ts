// Writes the event log of a run to a file as NDJSON, or as Chrome Trace JSON (instant
// events, one track per subject) when the name ends in `.trace.json`; buffered writes.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { LogEntry, LogSink } from '../kernel';

export interface TraceWriter {
  sink: LogSink;
  close(): void;
}

export function openTraceWriter(file: string): TraceWriter {
  const fd = openSync(file, 'w');
  const chrome = file.endsWith('.trace.json');
  const tracks = new Map<string, number>();
  let buffer: string[] = [];
  let bufferedChars = 0;
  let first = true;
  const write = (text: string) => {
    buffer.push(text);
    bufferedChars += text.length;
    if (bufferedChars > 1 << 20) flush();
  };
  const flush = () => {
    if (buffer.length) writeSync(fd, buffer.join(''));
    buffer = [];
    bufferedChars = 0;
  };
  if (chrome) write('{"traceEvents":[\n');
  const sink = (entry: LogEntry, line: string) => {
    if (!chrome) {
      write(`${JSON.stringify({ t: entry.timeMs, kind: entry.kind, subject: entry.subject, detail: entry.detail, line })}\n`);
      return;
    }
    let tid = tracks.get(entry.subject);
    if (tid === undefined) {
      tid = tracks.size + 1;
      tracks.set(entry.subject, tid);
      write(`${first ? '' : ',\n'}${JSON.stringify({ name: 'thread_name', ph: 'M', pid: 1, tid, args: { name: entry.subject } })}`);
      first = false;
    }
    const event = { name: entry.kind, cat: entry.kind, ph: 'i', s: 't', ts: entry.timeMs * 1000, pid: 1, tid, args: { detail: entry.detail } };
    write(`${first ? '' : ',\n'}${JSON.stringify(event)}`);
    first = false;
  };
  return {
    sink,
    close() {
      if (chrome) write('\n],"displayTimeUnit":"ms"}\n');
      flush();
      closeSync(fd);
    },
  };
}
