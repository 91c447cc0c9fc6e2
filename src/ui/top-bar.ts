// The top bar: scenario picker and file opening, play / pause / step / speed, the simulated
// clock with the run's progress, the seed, trainer mode, share and export.
import type { SessionState } from '../session/session-types';
import type { PlaySpeed } from '../session/simulation-session';
import { el } from './element';

export type ExportKind = 'results' | 'series' | 'log' | 'svg' | 'png';

export interface TopBarActions {
  scenarios: string[];
  pick(name: string): void;
  open(name: string, text: string): void;
  play(): void;
  pause(): void;
  /** `single`: one kernel event (Shift+click); otherwise to the next notable event. */
  step(single: boolean): void;
  speed(speed: PlaySpeed): void;
  seed(seed: number): void;
  trainer(on: boolean): void;
  share(): void;
  exportAs(kind: ExportKind): void;
}

const SPEEDS: [string, PlaySpeed][] = [
  ['1×', 1], ['10×', 10], ['100×', 100], ['1,000×', 1000], ['10,000×', 10_000], ['100,000×', 100_000], ['As fast as possible', 'max'],
];

const EXPORTS: [ExportKind, string][] = [
  ['results', 'Results (JSON)'], ['series', 'Series (CSV)'], ['log', 'Event log (NDJSON)'], ['svg', 'Timeline (SVG)'], ['png', 'Timeline (PNG)'],
];

export class TopBar {
  readonly root = el('header', { class: 'topbar' });
  readonly scenarioTitle = el('span', { class: 'scenario-title' });
  private readonly picker = el('select', { 'data-testid': 'scenario-picker', 'aria-label': 'Sample scenario' });
  // The transport starts disabled: until the first scenario is loaded there is nothing to
  // play, and a Play enabled then would be disabled by the first frame (no scenario yet) and
  // enabled again by the next (ready), so a click in between was lost.
  private readonly playButton = el('button', { class: 'btn primary icon', 'data-testid': 'play', title: 'Play', disabled: '' }, '▶ Play');
  private readonly pauseButton = el('button', { class: 'btn icon', 'data-testid': 'pause', title: 'Pause', disabled: '' }, '❚❚ Pause');
  private readonly stepButton = el(
    'button',
    { class: 'btn icon', 'data-testid': 'step', title: 'Step to the next notable event (Shift: one kernel event)', disabled: '' },
    'Step ›',
  );
  private readonly speedSelect = el('select', { 'data-testid': 'speed', 'aria-label': 'Speed' });
  private readonly clock = el('span', { class: 'clock', 'data-testid': 'clock' }, 'day 1 · 00:00:00');
  private readonly progress = el('div', { class: 'progress-fill' });
  private readonly seedInput = el('input', { class: 'seed', 'data-testid': 'seed', type: 'number', min: '0', step: '1', 'aria-label': 'Seed' });
  private readonly trainerButton = el('button', { class: 'btn ghost', 'data-testid': 'trainer', 'aria-pressed': 'false' }, 'Trainer mode');
  private readonly toast = el('span', { class: 'toast', role: 'status' });
  private toastTimer = 0;

  constructor(actions: TopBarActions) {
    const custom = el('option', { value: '', disabled: '' }, 'Your scenario');
    this.picker.append(custom, ...actions.scenarios.map((name) => el('option', { value: name }, name)));
    this.picker.addEventListener('change', () => this.picker.value && actions.pick(this.picker.value));
    for (const [label, speed] of SPEEDS) this.speedSelect.append(el('option', { value: String(speed) }, label));
    this.speedSelect.value = 'max';
    this.speedSelect.addEventListener('change', () => {
      const v = this.speedSelect.value;
      actions.speed(v === 'max' ? 'max' : Number(v));
    });
    this.playButton.addEventListener('click', () => actions.play());
    this.pauseButton.addEventListener('click', () => actions.pause());
    this.stepButton.addEventListener('click', (e) => actions.step(e.shiftKey));
    this.seedInput.addEventListener('change', () => {
      const v = this.seedInput.value;
      if (/^\d+$/.test(v)) actions.seed(Number(v));
    });
    this.trainerButton.addEventListener('click', () => actions.trainer(this.trainerButton.getAttribute('aria-pressed') !== 'true'));
    const fileInput = el('input', { type: 'file', accept: '.yaml,.yml,.json', hidden: '' });
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (file) void file.text().then((text) => actions.open(file.name, text));
      fileInput.value = '';
    });
    const openButton = el('button', { class: 'btn ghost', title: 'Open a scenario file (or drop one on the page)' }, 'Open…');
    openButton.addEventListener('click', () => fileInput.click());
    const shareButton = el('button', { class: 'btn ghost', 'data-testid': 'share', title: 'Copy a link that reopens this scenario' }, 'Share');
    shareButton.addEventListener('click', () => actions.share());
    const exportMenu = el('select', { class: 'export', 'data-testid': 'export', 'aria-label': 'Export' }, el('option', { value: '' }, 'Export…'));
    for (const [kind, label] of EXPORTS) exportMenu.append(el('option', { value: kind }, label));
    exportMenu.addEventListener('change', () => {
      if (exportMenu.value) actions.exportAs(exportMenu.value as ExportKind);
      exportMenu.value = '';
    });
    this.root.append(
      el('div', { class: 'brand' }, el('span', { class: 'logo' }, 'dr'), el('span', { class: 'brand-name' }, 'drsim')),
      el('div', { class: 'group' }, this.picker, openButton, fileInput),
      el('div', { class: 'group transport' }, this.playButton, this.pauseButton, this.stepButton, this.speedSelect),
      el('div', { class: 'group clock-group' }, this.clock, el('div', { class: 'progress' }, this.progress)),
      el('label', { class: 'group seed-group' }, el('span', {}, 'seed'), this.seedInput),
      el('div', { class: 'group end' }, this.toast, this.trainerButton, shareButton, exportMenu),
    );
  }

  update(state: SessionState, cursorMs: number | null): void {
    const t = cursorMs ?? state.timeMs;
    this.clock.textContent = simulatedClock(t);
    this.clock.classList.toggle('scrubbing', cursorMs !== null);
    this.progress.style.transform = `scaleX(${state.endMs > 0 ? Math.min(1, state.timeMs / state.endMs) : 0})`;
    const done = state.status === 'ended' || state.status === 'capped' || state.status === 'invalid' || state.status === 'empty';
    this.playButton.disabled = done || state.status === 'playing';
    this.pauseButton.disabled = state.status !== 'playing';
    this.stepButton.disabled = done;
    this.scenarioTitle.textContent = state.scenarioName ? `${state.scenarioName}${state.description ? ' — ' : ''}${state.description}` : '';
  }

  setPicked(name: string | null): void {
    this.picker.value = name ?? '';
  }

  setSeed(seed: number): void {
    this.seedInput.value = String(seed);
  }

  setSpeed(speed: PlaySpeed): void {
    this.speedSelect.value = String(speed);
  }

  setTrainer(on: boolean): void {
    this.trainerButton.setAttribute('aria-pressed', String(on));
    this.trainerButton.classList.toggle('on', on);
  }

  flash(message: string): void {
    this.toast.textContent = message;
    this.toast.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => this.toast.classList.remove('show'), 2500);
  }
}

/** Simulated time as `day N · HH:MM:SS` (day 1 starts at 0). */
export function simulatedClock(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  const rest = ms - day * 86_400_000;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `day ${day + 1} · ${pad(Math.floor(rest / 3_600_000))}:${pad(Math.floor((rest % 3_600_000) / 60_000))}:${pad(Math.floor((rest % 60_000) / 1000))}`;
}
