// The domain-free discrete-event kernel: clock, event queue, processes, random streams, log.
export { EventQueue, MAX_PENDING_EVENTS, type EventCallback } from './event-queue';
export { Simulator, type RunOptions, type StopReason } from './simulator';
export { Process, Signal, spawn, timeout, allOf, type Waitable, type ProcessBody } from './process';
export { RandomStream } from './random-stream';
export { acos, cos, exp, log, sin } from './portable-math';
export { Digest64, digestOfLines, type LogWord } from './digest';
export { EventLog, canonicalNumber, type LogEntry, type LogSink } from './event-log';
export { IntDetailShape } from './detail-hash';
export { RepeatedDetail } from './repeated-detail';
export { FixedText } from './log-line-writer';
