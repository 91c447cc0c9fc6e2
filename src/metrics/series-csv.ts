// The per-VM downsampled series of a run as CSV text (`drsim run --series FILE.csv`, and the
// app's export): one row per VM, series and bucket, with the bucket's min and max.
import { SERIES_NAMES, type MetricsCollector } from './metrics-collector';

export function seriesCsv(metrics: MetricsCollector): string {
  const rows = ['vm,series,start_ms,end_ms,min,max'];
  for (const [vm, m] of metrics.vms) {
    for (const name of SERIES_NAMES) {
      for (const b of m.series[name].buckets()) rows.push(`${vm},${name},${b.startMs},${b.endMs},${Math.round(b.min)},${Math.round(b.max)}`);
    }
  }
  return `${rows.join('\n')}\n`;
}
