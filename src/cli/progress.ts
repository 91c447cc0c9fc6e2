// A progress bar on stderr for runs longer than a second, only when stderr is a terminal.
import cliProgress from 'cli-progress';
import { formatDurationShort } from '../units';

export function progressReporter(label: string): { onProgress: (simMs: number, endMs: number, events: number) => void; done: () => void } {
  const enabled = Boolean(process.stderr.isTTY) && !process.env.CI;
  const startedAt = performance.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    onProgress(simMs, endMs, events) {
      if (!enabled) return;
      if (!bar) {
        if (performance.now() - startedAt < 1000) return;
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {sim} of {end} simulated | {events} events`, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(endMs, simMs, { sim: formatDurationShort(simMs), end: formatDurationShort(endMs), events });
      }
      bar.update(simMs, { sim: formatDurationShort(simMs), events });
    },
    done() {
      bar?.stop();
    },
  };
}
