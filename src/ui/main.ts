// The app's entry (placeholder until the full app lands): picks a bundled scenario, runs it
// in the simulation worker through Comlink, and shows the run's identity and per-VM bytes.
import * as Comlink from 'comlink';
import type { SimulationWorkerApi } from '../../workers/simulation.worker';
import { bundledFiles, bundledScenarios } from './bundled-scenarios';
import './placeholder.css';

const worker = new Worker(new URL('../../workers/simulation.worker.ts', import.meta.url), { type: 'module' });
const sim = Comlink.wrap<SimulationWorkerApi>(worker);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.textContent = text;
  return node;
}

const app = document.getElementById('app')!;
const header = el('header');
header.append(el('h1', {}, 'drsim'), el('span', { class: 'tagline' }, 'disaster-recovery replication simulator'));
const picker = el('select', { 'data-testid': 'scenario-picker' });
for (const s of bundledScenarios) picker.append(el('option', { value: s.name }, s.name));
const play = el('button', { 'data-testid': 'play' }, 'Run');
const status = el('p', { class: 'status' });
const digest = el('code', { 'data-testid': 'digest' });
const table = el('table');
app.append(header, el('div', { class: 'bar' }), status, table);
app.querySelector('.bar')!.append(picker, play, el('span', {}, 'digest '), digest);

const params = new URLSearchParams(location.search);
if (params.get('scenario')) picker.value = params.get('scenario')!;

async function run(): Promise<void> {
  const scenario = bundledScenarios.find((s) => s.name === picker.value);
  if (!scenario) return;
  status.textContent = 'running in the worker…';
  digest.textContent = '';
  table.replaceChildren();
  const seed = params.get('seed');
  const result = await sim.run(scenario.text, bundledFiles, seed === null ? undefined : Number(seed));
  if (!result.ok || !result.results) {
    status.textContent = `invalid scenario: ${result.errors.map((e) => e.message).join('; ')}`;
    return;
  }
  const r = result.results;
  status.textContent = `${r.scenario} · seed ${r.seed} · ${r.events.toLocaleString('en-US')} events`;
  digest.textContent = r.digest;
  table.append(el('tr'));
  table.rows[0].append(el('th', {}, 'VM'), el('th', {}, 'site'), el('th', {}, 'state'), el('th', {}, 'written (GB)'));
  for (const [id, vm] of Object.entries(r.vms)) {
    const tr = el('tr');
    tr.append(el('td', {}, id), el('td', {}, vm.site), el('td', {}, vm.state), el('td', { class: 'num' }, (vm.bytes.writtenBytes / 1e9).toFixed(1)));
    table.append(tr);
  }
}

play.addEventListener('click', () => void run());
if (params.get('autoplay') === '1') void run();
