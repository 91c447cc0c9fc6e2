// Writes the per-VM downsampled series of a run as CSV (`drsim run --series FILE.csv`):
// one row per VM, series and bucket, with the bucket's min and max.
import { writeFileSync } from 'node:fs';
import { SERIES_NAMES, type MetricsCollector } from '../metrics/metrics-collector';

export function writeSeriesCsv(file: string, metrics: MetricsCollector): void {
  const rows = ['vm,series,start_ms,end_ms,min,max'];
  for (const [vm, m] of metrics.vms) {
    for (const name of SERIES_NAMES) {
      for (const b of m.series[name].buckets()) rows.push(`${vm},${name},${b.startMs},${b.endMs},${Math.round(b.min)},${Math.round(b.max)}`);
    }
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
}
