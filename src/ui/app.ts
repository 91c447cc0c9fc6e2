// The page: top bar, topology and timeline, the side panels (inspector, scenario editor,
// what-if, event log), trainer mode, shared links and exports, all driven by frames from
// the simulation worker. Rendering is batched to one animation frame.
import type { Results } from '../metrics/results-types';
import type { NotableEntry, SessionFrame, SessionState, WhatIfPatch } from '../session/session-types';
import type { PlaySpeed } from '../session/simulation-session';
import { bundledFiles, bundledScenarios } from './bundled-scenarios';
import { caption } from './captions';
import { download } from './download';
import { el } from './element';
import { EditorPanel } from './editor-panel';
import { InspectorPanel } from './inspector-panel';
import { LogPanel } from './log-panel';
import { SeriesStore } from './series-store';
import { decodeScenario, encodeScenario } from './share-url';
import { SimulationClient } from './simulation-client';
import { TimelineView } from './timeline-view';
import { TopologyView, type TopologySelection } from './topology-view';
import { simulatedClock, TopBar, type ExportKind } from './top-bar';
import { WhatIfPanel } from './what-if-panel';

/** The sample a first visit opens: a short story with a failover (the first one if it is gone). */
const WELCOME_SAMPLE = bundledScenarios.find((s) => s.name === 'a2a-region-outage-recovery-plan')?.name ?? bundledScenarios[0].name;

/** Recorded states kept for scrubbing (halved, keeping every other, when full). */
const MAX_HISTORY = 1500;

export class App {
  private readonly client: SimulationClient;
  private readonly top: TopBar;
  private readonly topology: TopologyView;
  private readonly timeline: TimelineView;
  private readonly inspector: InspectorPanel;
  private readonly editor: EditorPanel;
  private readonly whatIf: WhatIfPanel;
  private readonly logPanel: LogPanel;
  private readonly banner = el('div', { class: 'banner', role: 'alert', hidden: '' });
  private readonly trainerBox = el('div', { class: 'trainer', hidden: '' });
  private readonly trainerTitle = el('div', { class: 'trainer-title', 'data-testid': 'trainer-caption' });
  private readonly trainerText = el('div', { class: 'trainer-text' });
  private readonly trainerMore = el('div', { class: 'trainer-more' });
  private readonly statusText = el('span', { class: 'status-text' });
  private readonly digest = el('code', { 'data-testid': 'digest', class: 'digest' });
  private store: SeriesStore | null = null;
  private overlayStore: SeriesStore | null = null;
  private expectWhatIf = false;
  private history: { timeMs: number; state: SessionState }[] = [];
  private cursorMs: number | null = null;
  private selection: TopologySelection = null;
  private renderQueued = false;
  /** The timeline asked to be drawn for the user (scroll, zoom): not held back while playing. */
  private timelineUrgent = false;
  private speed: PlaySpeed = 'max';
  private scenarioText = '';
  private seed: number | null = null;
  private trainer = false;
  /** The results of the run once it has ended (fetched when the digest arrives). */
  private lastResults: Results | null = null;
  /** The views with something new to draw, and when the throttled ones last drew. */
  private readonly pendingViews = new Set<'topology' | 'timeline' | 'inspector'>();
  private timelineAtMs = 0;
  private inspectorAtMs = 0;
  private inspectorSelection: TopologySelection = null;

  constructor(root: HTMLElement) {
    this.client = new SimulationClient({
      frame: (state, frame, newRun) => this.onFrame(state, frame, newRun),
      crashed: (message) => this.showCrash(message),
    });
    this.top = new TopBar({
      scenarios: bundledScenarios.map((s) => s.name),
      pick: (name) => this.openSample(name),
      open: (name, text) => this.openText(text, name),
      play: () => this.play(),
      pause: () => void this.client.api.pause(),
      step: (single) => void this.step(single),
      speed: (speed) => {
        this.speed = speed;
      },
      seed: (seed) => {
        this.seed = seed;
        void this.reload(true);
      },
      trainer: (on) => this.setTrainer(on),
      share: () => void this.share(),
      exportAs: (kind) => void this.exportAs(kind),
    });
    const topologyHost = el('div', { class: 'topology-host' });
    const timelineHost = el('div', { class: 'timeline-host' });
    this.topology = new TopologyView(topologyHost, (selection) => this.select(selection));
    this.timeline = new TimelineView(timelineHost, {
      onCursor: (t) => {
        this.cursorMs = t;
        this.queueRender();
      },
      onSelectVm: (id) => this.select({ kind: 'vm', id }),
      requestDraw: (urgent) => {
        this.timelineUrgent ||= urgent;
        this.pendingViews.add('timeline');
        this.requestFrame();
      },
    });
    this.inspector = new InspectorPanel((selection) => this.select(selection));
    this.editor = new EditorPanel((text) => this.openText(text, 'your scenario', true));
    this.whatIf = new WhatIfPanel({
      run: (patch) => this.runWhatIf(patch),
      clear: () => this.clearWhatIf(),
    });
    this.logPanel = new LogPanel();
    const nextButton = el('button', { class: 'btn primary', 'data-testid': 'trainer-next' }, 'Next event ▸');
    nextButton.addEventListener('click', () => void this.step(false));
    this.trainerBox.append(el('div', { class: 'trainer-badge' }, 'Trainer'), this.trainerTitle, this.trainerText, this.trainerMore, nextButton);
    const restart = el('button', { class: 'btn' }, 'Restart the simulation');
    restart.addEventListener('click', () => this.restart());
    this.banner.append(el('span', { class: 'banner-text' }), restart);

    const tabs = this.tabs([
      ['Inspector', this.inspector.root],
      ['Scenario', this.editor.root],
      ['What-if', this.whatIf.root],
      ['Event log', this.logPanel.root],
    ]);
    root.replaceChildren(
      this.top.root,
      this.banner,
      el(
        'main',
        { class: 'workspace' },
        el(
          'section',
          { class: 'stage' },
          el('div', { class: 'card topology-card' }, el('div', { class: 'card-head' }, el('h2', {}, 'Topology'), this.top.scenarioTitle), topologyHost, this.trainerBox),
          el('div', { class: 'card timeline-card' }, el('div', { class: 'card-head' }, el('h2', {}, 'Timeline'), el('span', { class: 'hint' }, 'brush the overview to zoom · hover to scrub the topology')), timelineHost),
        ),
        el('aside', { class: 'sidebar card' }, tabs),
      ),
      el('footer', { class: 'statusbar' }, this.statusText, el('span', { class: 'spacer' }), el('span', { class: 'muted' }, 'event-log digest'), this.digest),
    );
    this.installDragAndDrop(root);
    void this.boot();
  }

  // ── Start-up: ?scenario=NAME&seed=N&autoplay=1, or #s=<shared>, or the autosaved editor ──

  private async boot(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const seed = params.get('seed');
    if (seed !== null && /^\d+$/.test(seed)) {
      this.seed = Number(seed);
      this.top.setSeed(this.seed);
    }
    if (params.get('trainer') === '1') this.setTrainer(true);
    const shared = new URLSearchParams(location.hash.slice(1)).get('s');
    const sample = params.get('scenario');
    if (shared) {
      try {
        this.top.setPicked(null);
        await this.openText(await decodeScenario(shared), 'shared scenario', false, false);
      } catch (error) {
        await this.openSample(WELCOME_SAMPLE, false);
        this.showError(`${error instanceof Error ? error.message : String(error)}; showing ${WELCOME_SAMPLE} instead`);
      }
    } else if (sample && bundledScenarios.some((s) => s.name === sample)) {
      await this.openSample(sample, false);
    } else {
      await this.openSample(WELCOME_SAMPLE, false);
      if (sample) this.showError(`there is no sample scenario "${sample}"; showing ${WELCOME_SAMPLE}`);
    }
    if (params.get('autoplay') === '1') {
      this.speed = 'max';
      this.top.setSpeed('max');
      this.play();
    }
  }

  private async openSample(name: string, play = false): Promise<void> {
    const sample = bundledScenarios.find((s) => s.name === name);
    if (!sample) return;
    this.top.setPicked(name);
    await this.openText(sample.text, name, false, play);
  }

  /** Loads scenario text into the worker (and the editor); plays it if asked. */
  private async openText(text: string, label: string, fromEditor = false, play = fromEditor): Promise<void> {
    this.scenarioText = text;
    if (!fromEditor) this.editor.setText(text, label);
    else this.top.setPicked(null);
    const ok = await this.reload(play);
    if (!ok && !fromEditor) this.showError(`${label} is not a valid scenario: see the Scenario tab`);
  }

  private async reload(play: boolean): Promise<boolean> {
    this.hideBanner();
    this.whatIf.reset();
    this.overlayStore = null;
    const result = await this.client.api
      // The samples' trace files go along, so an edited sample still finds its traces.
      .load({ text: this.scenarioText, files: bundledFiles, overrides: this.seed === null ? [] : [`seed=${this.seed}`] })
      .catch((e: unknown) => this.client.fail(e));
    if (!result) return false;
    this.editor.showErrors(result.errors);
    if (result.ok && this.seed === null) this.top.setSeed(result.state.seed);
    if (result.ok && play) this.play();
    return result.ok;
  }

  // ── Frames and rendering ──

  /** The run's state as the frames built it (the client holds it). */
  private get state(): SessionState | null {
    return this.client.state;
  }

  private onFrame(state: SessionState, frame: SessionFrame, newRun: boolean): void {
    if (newRun) {
      const store = new SeriesStore(state.vms.length, Math.max(1, state.endMs));
      if (this.expectWhatIf) {
        this.expectWhatIf = false;
        this.overlayStore = store;
        this.timeline.setOverlay(store, 'what-if');
      } else {
        this.store = store;
        this.overlayStore = null;
        this.timeline.reset(store, Math.max(1, state.endMs));
        this.logPanel.reset();
        this.history = [];
      }
    }
    const target = this.overlayStore ?? this.store;
    target?.add(frame.series);
    if (frame.log.length > 0) {
      if (!this.overlayStore) this.timeline.addMarkers(frame.log);
      this.logPanel.add(frame.log);
    }
    this.record(state);
    const changed = (field: keyof SessionState) => frame.patches.some((p) => p.path[0] === field);
    if (changed('digest') && state.digest !== null) {
      void this.fetchResults();
      if (this.overlayStore) void this.whatIf.showDeltas(this.client.api);
    }
    if (changed('status') && (state.status === 'capped' || state.status === 'error')) this.showError(state.message ?? 'the run stopped early');
    this.queueRender();
  }

  private record(state: SessionState): void {
    const last = this.history.at(-1);
    if (last && last.timeMs === state.timeMs) last.state = state;
    else this.history.push({ timeMs: state.timeMs, state });
    if (this.history.length > MAX_HISTORY) this.history = this.history.filter((_, i) => i % 2 === 0 || i === this.history.length - 1);
  }

  /** The recorded state at or just before the cursor (the live one without a cursor). */
  private shownState(): SessionState | null {
    if (this.cursorMs === null || this.history.length === 0) return this.state;
    let lo = 0;
    let hi = this.history.length - 1;
    if (this.cursorMs < this.history[0].timeMs) return this.history[0].state;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.history[mid].timeMs <= this.cursorMs) lo = mid;
      else hi = mid - 1;
    }
    return this.history[lo].state;
  }

  private queueRender(): void {
    this.pendingViews.add('topology').add('timeline').add('inspector');
    this.requestFrame();
  }

  private requestFrame(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  private render(): void {
    const state = this.state;
    if (!state) return;
    const shown = this.shownState() ?? state;
    const playing = state.status === 'playing';
    this.top.update(state, this.cursorMs);
    // One view per animation frame (topology, timeline, inspector in turn), so no frame's
    // task carries the layout and paint of all of them at once.
    // While playing, the timeline (the costliest to draw) is redrawn at most ~8 times a second
    // and the inspector's text about 3 times.
    const now = performance.now();
    const timelineDue = !playing || this.timelineUrgent || now - this.timelineAtMs >= 125;
    const inspectorDue = !playing || now - this.inspectorAtMs >= 350;
    const view = [...this.pendingViews].find((v) => (v !== 'timeline' || timelineDue) && (v !== 'inspector' || inspectorDue));
    // Taken off the list before it draws: a view may ask to be drawn again while it draws.
    if (view) this.pendingViews.delete(view);
    // Flowing links are for watching a run at a pace; as fast as possible they'd only cost paint.
    if (view === 'topology') this.topology.render(shown, playing && this.speed !== 'max' && this.cursorMs === null);
    if (view === 'timeline') {
      this.timelineUrgent = false;
      this.timeline.render(state);
      this.timelineAtMs = now;
    }
    if (view === 'inspector' || this.selection !== this.inspectorSelection) {
      this.inspectorSelection = this.selection;
      this.inspectorAtMs = now;
      this.inspector.update(shown, this.selection, state.status === 'ended' ? this.lastResults : null);
    }
    if (this.pendingViews.size > 0) this.requestFrame();
    this.statusText.textContent = statusLine(state);
    this.digest.textContent = state.digest ?? '—';
  }

  private async fetchResults(): Promise<void> {
    this.lastResults = await this.client.api.results().catch(() => null);
    this.queueRender();
  }

  private select(selection: TopologySelection): void {
    this.selection = selection;
    this.topology.setSelection(selection);
    this.timeline.setSelected(selection?.kind === 'vm' ? selection.id : null);
    this.queueRender();
  }

  // ── Commands ──

  private play(): void {
    this.lastResults = null;
    void this.client.api.play(this.speed).catch((e: unknown) => this.client.fail(e));
  }

  private async step(single: boolean): Promise<void> {
    const outcome = await this.client.api.step(single ? { events: 1 } : { notable: true }).catch((e: unknown) => this.client.fail(e));
    if (!outcome) return;
    if (this.trainer) this.showCaption(outcome.entries);
  }

  private showCaption(entries: NotableEntry[]): void {
    if (entries.length === 0) {
      this.trainerTitle.textContent = 'The end of the run';
      this.trainerText.textContent = 'Nothing else happens in this scenario. Look at the timeline and the inspector for the figures.';
      this.trainerMore.textContent = '';
      return;
    }
    const first = caption(entries[0]);
    this.trainerTitle.textContent = `${simulatedClock(entries[0].timeMs)} · ${first.title}`;
    this.trainerText.textContent = first.text;
    const more = entries.slice(1, 4).map((e) => caption(e).title);
    this.trainerMore.textContent = more.length ? `At the same moment: ${more.join(' · ')}${entries.length > 4 ? ` … (+${entries.length - 4})` : ''}` : '';
  }

  private setTrainer(on: boolean): void {
    this.trainer = on;
    this.top.setTrainer(on);
    this.trainerBox.hidden = !on;
    if (on) {
      void this.client.api.pause();
      this.trainerTitle.textContent = 'Trainer mode';
      this.trainerText.textContent = 'Press “Next event” (or Step) to move from one notable event to the next; each one is explained here.';
      this.trainerMore.textContent = '';
    }
  }

  private async runWhatIf(patch: WhatIfPatch): Promise<string[]> {
    // The baseline must have run to its end first.
    if (this.state?.status !== 'ended') {
      const status = await this.client.api.play('max').catch((e: unknown) => this.client.fail(e));
      if (status !== 'ended') return ['the baseline run did not end'];
    }
    const baseline = await this.client.api.results();
    this.expectWhatIf = true;
    const result = await this.client.api.applyWhatIf(patch).catch((e: unknown) => this.client.fail(e));
    if (!result || !result.ok) {
      this.expectWhatIf = false;
      return result ? result.errors.map((e) => e.message) : ['the worker failed'];
    }
    this.whatIf.setBaseline(baseline);
    void this.client.api.play('max').catch((e: unknown) => this.client.fail(e));
    return [];
  }

  private clearWhatIf(): void {
    this.timeline.setOverlay(null);
    void this.reload(true);
  }

  private async share(): Promise<void> {
    const hash = `s=${await encodeScenario(this.scenarioText)}`;
    const url = new URL(location.href);
    url.search = this.seed === null ? '' : `?seed=${this.seed}`;
    url.hash = hash;
    history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url.href);
      this.top.flash('Link copied');
    } catch {
      this.top.flash('Link in the address bar');
    }
  }

  private async exportAs(kind: ExportKind): Promise<void> {
    const base = (this.state?.scenarioName || 'drsim').replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
    switch (kind) {
      case 'results': {
        const results = await this.client.api.results();
        if (!results) return this.top.flash('Run to the end first');
        return download(`${base}-results.json`, `${JSON.stringify(results, null, 2)}\n`, 'application/json');
      }
      case 'series':
        return download(`${base}-series.csv`, await this.client.api.seriesCsv(), 'text/csv');
      case 'log': {
        const { text, truncated } = await this.client.api.eventLogNdjson();
        if (truncated) this.top.flash('Event log truncated to its first million lines');
        return download(`${base}-events.ndjson`, text, 'application/x-ndjson');
      }
      case 'svg':
        return download(`${base}-timeline.svg`, this.timeline.exportSvg(), 'image/svg+xml');
      case 'png':
        return download(`${base}-timeline.png`, await this.timeline.exportPng());
    }
  }

  // ── Failures ──

  private showCrash(message: string): void {
    this.showError(`The simulation stopped: ${message}. Your scenario text is kept.`, true);
  }

  private showError(message: string, offerRestart = false): void {
    this.banner.hidden = false;
    (this.banner.querySelector('.banner-text') as HTMLElement).textContent = message;
    (this.banner.querySelector('button') as HTMLElement).hidden = !offerRestart;
  }

  private hideBanner(): void {
    this.banner.hidden = true;
  }

  private restart(): void {
    this.client.restart();
    this.hideBanner();
    void this.reload(false);
  }

  private installDragAndDrop(root: HTMLElement): void {
    root.addEventListener('dragover', (e) => {
      e.preventDefault();
      root.classList.add('dropping');
    });
    root.addEventListener('dragleave', () => root.classList.remove('dropping'));
    root.addEventListener('drop', (e) => {
      e.preventDefault();
      root.classList.remove('dropping');
      const file = e.dataTransfer?.files[0];
      if (file) void file.text().then((text) => this.openText(text, file.name, false, true));
    });
  }

  private tabs(panes: [string, HTMLElement][]): HTMLElement {
    const nav = el('nav', { class: 'tabs', role: 'tablist' });
    const body = el('div', { class: 'tab-body' });
    const show = (i: number) => {
      panes.forEach(([, pane], j) => {
        pane.hidden = i !== j;
        nav.children[j].classList.toggle('active', i === j);
        nav.children[j].setAttribute('aria-selected', String(i === j));
      });
    };
    panes.forEach(([label, pane], i) => {
      const tab = el('button', { class: 'tab', role: 'tab', 'data-testid': `tab-${label.toLowerCase().replace(/[^a-z]+/g, '-')}` }, label);
      tab.addEventListener('click', () => show(i));
      nav.append(tab);
      body.append(pane);
    });
    show(0);
    return el('div', { class: 'tabbed' }, nav, body);
  }
}

function statusLine(state: SessionState): string {
  const events = `${state.events.toLocaleString('en-US')} events`;
  switch (state.status) {
    case 'playing':
      return `Playing · ${events}`;
    case 'ended':
      return `Run complete · ${events}`;
    case 'capped':
      return `Stopped at the event cap · ${events}`;
    case 'invalid':
      return 'The scenario has errors: see the Scenario tab';
    case 'ready':
      return 'Ready · press Play';
    default:
      return `Paused · ${events}`;
  }
}
