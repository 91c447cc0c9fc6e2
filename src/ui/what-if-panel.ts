// The what-if panel: sliders for link bandwidth and churn, the Hyper-V frequency, Azure
// retention and app-consistent frequency, and the failover recovery point; re-runs with the
// same seed, overlays the result on the baseline, and lists the deltas side by side.
import type { Remote } from 'comlink';
import type { Results } from '../metrics/results-types';
import type { WhatIfPatch } from '../session/session-types';
import { formatDurationShort } from '../units';
import type { SimulationWorkerApi } from '../../workers/simulation.worker';
import { el } from './element';
import { durationOrDash, MISSING } from './missing-value';

const H = 3_600_000;

export interface WhatIfActions {
  /** Runs the what-if; resolves with problems to show (empty when it started). */
  run(patch: WhatIfPatch): Promise<string[]>;
  clear(): void;
}

interface Metric {
  label: string;
  of(r: Results): number | null;
}

const maxOf = (values: (number | null | undefined)[]) => {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? Math.max(...xs) : null;
};

const METRICS: Metric[] = [
  { label: 'RPO p95 (worst VM)', of: (r) => maxOf(Object.values(r.vms).map((v) => v.rpo?.p95Ms)) },
  { label: 'RPO max (worst VM)', of: (r) => maxOf(Object.values(r.vms).map((v) => v.rpo?.maxMs)) },
  { label: 'Data loss (worst failover)', of: (r) => maxOf(r.failovers.map((j) => j.dataLossMs)) },
  { label: 'RTO (longest failover)', of: (r) => maxOf(r.failovers.map((j) => j.rtoMs)) },
];

export class WhatIfPanel {
  readonly root = el('div', { class: 'pane whatif-pane', 'data-testid': 'whatif' });
  private readonly bandwidth = slider('whatif-bandwidth', 0.1, 4, 0.05, 1);
  private readonly churn = slider('whatif-churn', 0.25, 4, 0.05, 1);
  private readonly frequency = select('whatif-frequency', [['', 'as in the scenario'], ['30000', '30 s'], ['300000', '5 min'], ['900000', '15 min']]);
  private readonly retention = select('whatif-retention', [['', 'as in the scenario'], [String(H), '1 h'], [String(24 * H), '24 h'], [String(72 * H), '3 days'], [String(15 * 24 * H), '15 days']]);
  private readonly appConsistent = select('whatif-app', [['', 'as in the scenario'], ['off', 'off'], [String(H), 'every 1 h'], [String(4 * H), 'every 4 h'], [String(12 * H), 'every 12 h']]);
  private readonly recoveryPoint = select('whatif-recovery-point', [['', 'as in the scenario'], ['latest', 'latest'], ['latest-processed', 'latest processed'], ['latest-app-consistent', 'latest app-consistent']]);
  private readonly runButton = el('button', { class: 'btn primary', 'data-testid': 'whatif-run' }, 'Re-run with these changes');
  private readonly clearButton = el('button', { class: 'btn ghost', hidden: '' }, 'Back to the baseline');
  private readonly deltas = el('div', { class: 'deltas', 'data-testid': 'whatif-deltas' });
  private baseline: Results | null = null;

  constructor(private readonly actions: WhatIfActions) {
    this.root.append(
      el('p', { class: 'pane-note' }, 'Change the conditions, re-run with the same seed, and compare with the baseline (overlaid in the timeline).'),
      field('Link bandwidth', this.bandwidth.wrap),
      field('Churn multiplier', this.churn.wrap),
      field('Hyper-V frequency', this.frequency),
      field('Azure retention', this.retention),
      field('Azure app-consistent', this.appConsistent),
      field('Failover recovery point', this.recoveryPoint),
      el('div', { class: 'actions' }, this.runButton, this.clearButton),
      this.deltas,
    );
    this.runButton.addEventListener('click', () => void this.run());
    this.clearButton.addEventListener('click', () => actions.clear());
  }

  patch(): WhatIfPatch {
    const p: WhatIfPatch = {};
    if (this.bandwidth.value() !== 1) p.bandwidthFactor = this.bandwidth.value();
    if (this.churn.value() !== 1) p.churnMultiplier = this.churn.value();
    if (this.frequency.value) p.hypervFrequencyMs = Number(this.frequency.value);
    if (this.retention.value) p.azureRetentionMs = Number(this.retention.value);
    if (this.appConsistent.value) p.azureAppConsistentEveryMs = this.appConsistent.value === 'off' ? null : Number(this.appConsistent.value);
    if (this.recoveryPoint.value) p.failoverRecoveryPoint = this.recoveryPoint.value as WhatIfPatch['failoverRecoveryPoint'];
    return p;
  }

  private async run(): Promise<void> {
    this.runButton.disabled = true;
    this.deltas.replaceChildren(el('p', { class: 'muted' }, 'Running the what-if…'));
    const problems = await this.actions.run(this.patch());
    this.runButton.disabled = false;
    if (problems.length) this.deltas.replaceChildren(...problems.map((p) => el('p', { class: 'error' }, p)));
    else this.clearButton.hidden = false;
  }

  setBaseline(results: Results | null): void {
    this.baseline = results;
  }

  /** Called when a what-if run ends: the deltas against the baseline. */
  async showDeltas(api: Remote<SimulationWorkerApi>): Promise<void> {
    const results = await api.results();
    if (!results || !this.baseline) return;
    const t = el('table', { class: 'grid deltas-table' });
    t.append(el('tr', {}, el('th', {}, ''), el('th', { class: 'num' }, 'baseline'), el('th', { class: 'num' }, 'what-if'), el('th', { class: 'num' }, 'change')));
    for (const m of METRICS) {
      const a = m.of(this.baseline);
      const b = m.of(results);
      if (a === null && b === null) continue;
      const change = a !== null && b !== null ? b - a : null;
      const cls = change === null || change === 0 ? '' : change > 0 ? 'worse' : 'better';
      t.append(el('tr', {}, el('th', {}, m.label), el('td', { class: 'num' }, durationOrDash(a)), el('td', { class: 'num' }, durationOrDash(b)), el('td', { class: `num ${cls}` }, change === null ? MISSING : `${change > 0 ? '+' : ''}${formatDurationShort(change)}`)));
    }
    this.deltas.replaceChildren(el('h3', { class: 'section-title' }, 'What-if against baseline'), t, el('p', { class: 'muted' }, `digest ${results.digest} · baseline ${this.baseline.digest}`));
  }

  reset(): void {
    this.baseline = null;
    this.clearButton.hidden = true;
    this.deltas.replaceChildren();
  }
}


function field(label: string, control: HTMLElement): HTMLElement {
  return el('label', { class: 'field' }, el('span', { class: 'field-label' }, label), control);
}

function slider(testid: string, min: number, max: number, step: number, initial: number) {
  const input = el('input', { type: 'range', min: String(min), max: String(max), step: String(step), value: String(initial), 'data-testid': testid });
  const out = el('output', {}, `${initial}×`);
  input.addEventListener('input', () => {
    out.textContent = `${Number(input.value).toFixed(2).replace(/\.?0+$/, '')}×`;
  });
  return { wrap: el('span', { class: 'slider' }, input, out), value: () => Number(input.value) };
}

function select(testid: string, options: [string, string][]): HTMLSelectElement {
  const s = el('select', { 'data-testid': testid });
  for (const [value, label] of options) s.append(el('option', { value }, label));
  return s;
}
