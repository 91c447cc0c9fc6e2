// The human summary `drsim run` prints: the run's identity, a table per VM, links, jobs,
// alerts, expectations, and which defaults the run used.
import type { Results } from '../metrics/results-types';
import { formatDurationShort, formatSize } from '../units';
import { textTable } from './text-table';

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatDurationShort(v));

export function formatSummary(r: Results, stopNote: string | null): string {
  const out: string[] = [];
  out.push(`drsim · ${r.scenario}`);
  out.push(`seed ${r.seed} · simulated ${formatDurationShort(r.simulatedMs)} · ${r.events.toLocaleString('en-US')} events · digest ${r.digest}`);
  if (stopNote) out.push(`! ${stopNote}`);
  out.push('');
  const vmRows = Object.entries(r.vms).map(([id, v]) => [
    id,
    v.site,
    v.state,
    formatSize(v.bytes.writtenBytes),
    v.bytes.replicatedBytes === undefined ? '—' : formatSize(v.bytes.replicatedBytes),
    ms(v.rpo?.p95Ms),
    ms(v.rpo?.maxMs),
    v.rpo ? `${v.rpo.withinThresholdPct.toFixed(1)}%` : '—',
  ]);
  out.push(textTable(['VM', 'site', 'state', 'written', 'replicated', 'RPO p95', 'RPO max', 'within threshold'], vmRows, [3, 4, 5, 6, 7]));
  const links = Object.entries(r.links);
  if (links.length) {
    out.push('');
    out.push(
      textTable(
        ['link', 'sent', 'mean use', 'peak use', 'saturated'],
        links.map(([id, l]) => [id, formatSize(l.sentBytes), `${l.utilizationPct.toFixed(1)}%`, `${l.peakUtilizationPct.toFixed(1)}%`, ms(l.saturatedMs)]),
        [1, 2, 3, 4],
      ),
    );
  }
  if (r.jobs.length) {
    out.push('');
    out.push(
      textTable(
        ['job', 'target', 'requested', 'result', 'data loss', 'RTO'],
        r.jobs.map((j) => [j.kind, j.target, ms(j.requestedAtMs), j.ok ? 'ok' : `failed: ${j.reason ?? ''}`, ms(j.dataLossMs), ms(j.rtoMs)]),
        [2, 4, 5],
      ),
    );
  }
  if (r.alerts.length) {
    out.push('');
    out.push(textTable(['alert', 'VM', 'raised', 'cleared'], r.alerts.map((a) => [a.kind, a.vm, ms(a.atMs), ms(a.clearedAtMs)]), [2, 3]));
  }
  if (r.expectations.length) {
    out.push('');
    out.push(
      textTable(
        ['expectation', '', 'expected', 'actual', ''],
        r.expectations.map((e) => [e.metric, e.comparator, e.expected, e.actualText ?? (e.actual === null ? '—' : String(e.actual)), e.pass ? 'pass' : `FAIL${e.reason ? `: ${e.reason}` : ''}`]),
      ),
    );
  }
  if (r.defaultsUsed.length) {
    out.push('');
    out.push('defaults used (set these fields to change them):');
    for (const d of r.defaultsUsed) out.push(`  ${d.path} = ${d.value}  ${d.source}`);
  }
  return out.join('\n');
}
