// The timeline: per-VM lanes of RPO against its threshold, churn against throughput, backlog and
// recovery points, with fault / alert / job markers, a brushable overview, zoom, pan and a cursor.
import { brushX, select, type BrushBehavior, type D3BrushEvent, type Selection } from 'd3';
import type { NotableEntry, SessionState, VmView } from '../session/session-types';
import { POINT_APP, createPixelSeries, type PixelSeries, type SeriesStore } from './series-store';
import './timeline.css';
import { formatDurationShort, formatRate, formatSize } from '../units';
import { MISSING } from './missing-value';
import { setText, SVG_NS, svgEl } from './element';

const LANE_H = 64;
const HEADER_W = 184;
const PAD_R = 16;
const LEGEND_H = 30;
const AXIS_H = 52;
const OVERVIEW_H = 58;
const MAX_VISIBLE_LANES = 12;
const MIN_SPAN_MS = 60_000;
/** Time a render may spend redrawing lanes that only have new samples (at least one lane each). */
const STALE_BUDGET_MS = 3;
/** Rows inside a lane. */
const RPO_TOP = 8;
const RPO_BOT = 35;
const RATE_TOP = 40;
const RATE_BOT = 55;
const TICK_BOT = 63;
/** Rows of the axis band that carries span and job labels. */
const BAND_TOP = 22;
const BAND_ROW_H = 10;
const BAND_ROWS = 3;
const DAY_MS = 86_400_000;

export interface TimelineCallbacks {
  onCursor: (timeMs: number | null) => void;
  onSelectVm: (id: string) => void;
  /**
   * The view needs drawing again: the page schedules it with its other views (one per frame),
   * `urgent` when the user is scrolling or zooming.
   */
  requestDraw: (urgent: boolean) => void;
}

interface Span {
  key: string;
  kind: 'outage' | 'fault';
  subject: string;
  detail: string;
  startMs: number;
  endMs: number | null;
}

interface Job {
  seq: number;
  subject: string;
  action: string;
  startMs: number;
  endMs: number | null;
  failed: boolean;
}

interface Alert {
  subject: string;
  kind: string;
  startMs: number;
  endMs: number | null;
}

interface Glyph {
  timeMs: number;
  kind: 'vm-up' | 'resync-required' | 'cycle-missed';
}

interface LaneEls {
  bg: SVGRectElement;
  head: SVGRectElement;
  dot: SVGCircleElement;
  id: SVGTextElement;
  sub: SVGTextElement;
  now: SVGTextElement;
  vmSpans: SVGPathElement;
  faultSpans: SVGPathElement;
  backlog: SVGPathElement;
  rpoBand: SVGPathElement;
  rpoLine: SVGPathElement;
  threshold: SVGLineElement;
  tput: SVGPathElement;
  tputLine: SVGPathElement;
  churn: SVGPathElement;
  ovRpo: SVGPathElement;
  ovTput: SVGPathElement;
  crash: SVGPathElement;
  app: SVGPathElement;
  alertBars: SVGPathElement;
  alerts: SVGPathElement;
  glyphUp: SVGPathElement;
  glyphResync: SVGPathElement;
  glyphMissed: SVGPathElement;
  rpoScale: SVGTextElement;
  rateScale: SVGTextElement;
  pointsNote: SVGTextElement;
  /** What the series paths and the markers were last drawn from, to skip redrawing them. */
  dataKey: string;
  /** The store generation the lane's data was last drawn from. */
  storeGen: number;
  markerKey: string;
  /** The store version the series paths show, and when they were drawn. */
  version: number;
  drawnAt: number;
}

interface LaneCache {
  rpo: PixelSeries;
  churn: PixelSeries;
  tput: PixelSeries;
  backlog: PixelSeries;
  ovRpo: PixelSeries;
  ovTput: PixelSeries;
  hasOverlay: boolean;
}

interface LaneDatum {
  vm: VmView;
  row: number;
}

let instances = 0;

export class TimelineView {
  private readonly callbacks: TimelineCallbacks;
  private readonly uid = `tl${++instances}`;
  private readonly root: HTMLDivElement;
  private readonly legendSvg: SVGSVGElement;
  private readonly axisSvg: SVGSVGElement;
  private readonly scroll: HTMLDivElement;
  private readonly lanesSvg: SVGSVGElement;
  private readonly spacer: HTMLDivElement;
  private readonly overviewSvg: SVGSVGElement;
  private readonly tooltip: HTMLDivElement;
  private readonly resetButton: HTMLButtonElement;
  private readonly hint: HTMLSpanElement;
  private readonly empty: HTMLDivElement;
  private readonly els = new WeakMap<SVGGElement, LaneEls>();
  private readonly caches = new Map<number, LaneCache>();
  private readonly brush: BrushBehavior<unknown>;
  private readonly brushG: Selection<SVGGElement, unknown, null, undefined>;

  private store: SeriesStore | null = null;
  private overlay: SeriesStore | null = null;
  private overlayLabel = 'what-if';
  /** Bumped when the store, the overlay or the markers change, for the lanes' redraw keys. */
  private storeGen = 0;
  private markerGen = 0;
  private endMs = 1;
  private state: SessionState | null = null;
  /** The window shown, or null for the whole run. */
  private window: [number, number] | null = null;
  private width = 0;
  private spans: Span[] = [];
  private jobs: Job[] = [];
  private alerts = new Map<string, Alert[]>();
  private glyphs = new Map<string, Glyph[]>();
  private lastSeq = 0;
  private cursorX: number | null = null;
  private cursorY = 0;
  /** The lanes' top within the root, measured on pointer moves. */
  private lanesTop = 0;
  /** The lanes' scroll offset, kept from scroll events (reading it in `render` would force a layout). */
  private scrollTop = 0;
  private drag: { x: number; t0: number; t1: number; moved: boolean } | null = null;
  private selectedId: string | null = null;
  private overviewVersion = -1;
  private overviewAt = 0;
  private overviewKey = '';
  /** The overview's per-bucket aggregate and the store it belongs to. */
  private worst: Float32Array | null = null;
  private worstStore: SeriesStore | null = null;
  private overviewOverlayKey = '';
  private brushExtentPx = 0;
  private readonly resizeObserver: ResizeObserver | null;

  constructor(container: HTMLElement, callbacks: TimelineCallbacks) {
    this.callbacks = callbacks;
    this.root = html('div', 'tl');
    this.root.dataset.testid = 'timeline';

    const top = html('div', 'tl-top');
    this.legendSvg = svgEl('svg', { class: 'tl-legend' });
    this.hint = html('span', 'tl-hint');
    this.resetButton = html('button', 'tl-reset');
    this.resetButton.type = 'button';
    this.resetButton.textContent = 'Reset zoom';
    this.resetButton.addEventListener('click', () => this.setWindow(null));
    top.append(this.legendSvg, this.hint, this.resetButton);

    this.axisSvg = svgEl('svg', { class: 'tl-axis' });
    this.scroll = html('div', 'tl-scroll');
    this.lanesSvg = svgEl('svg', { class: 'tl-lanes' });
    this.spacer = html('div', 'tl-spacer');
    this.scroll.append(this.lanesSvg, this.spacer);
    this.overviewSvg = svgEl('svg', { class: 'tl-overview' });
    this.tooltip = html('div', 'tl-tooltip');
    this.empty = html('div', 'tl-empty');
    this.empty.textContent = 'Load a scenario to see its replication timeline.';
    this.root.append(top, this.axisSvg, this.scroll, this.overviewSvg, this.tooltip, this.empty);
    container.append(this.root);

    this.buildStatic();

    this.brush = brushX<unknown>().on('brush end', (event: D3BrushEvent<unknown>) => {
      if (!event.sourceEvent) return;
      const sel = event.selection as [number, number] | null;
      if (sel === null || sel[1] - sel[0] < 2) {
        if (event.type === 'end') this.setWindow(null, false);
        return;
      }
      const k = this.endMs / this.plotWidth();
      this.setWindow([sel[0] * k, sel[1] * k], false);
    });
    this.brushG = select(this.overviewSvg).select<SVGGElement>('g.tl-ov-plot').append('g').attr('class', 'tl-brush');
    this.brushG.call(this.brush.extent([[0, 0], [this.plotWidth(), OVERVIEW_H - 12]]));

    this.scroll.addEventListener('scroll', () => {
      this.scrollTop = this.scroll.scrollTop;
      this.requestDraw();
    });
    for (const el of [this.scroll, this.axisSvg, this.overviewSvg] as Element[]) {
      el.addEventListener('wheel', (e) => this.onWheel(e as WheelEvent, el === this.scroll), { passive: false });
    }
    this.lanesSvg.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.lanesSvg.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.lanesSvg.addEventListener('pointerup', (e) => this.onPointerUp(e));
    this.lanesSvg.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    this.lanesSvg.addEventListener('pointerleave', () => this.setCursor(null));
    this.lanesSvg.addEventListener('dblclick', (e) => {
      if (e.offsetX > HEADER_W) this.setWindow(null);
    });
    this.resizeObserver =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => this.resized(entries[entries.length - 1].contentRect.width));
    this.resizeObserver?.observe(this.root);
  }

  /** A new run: drops markers and the zoom, keeps nothing from before. */
  reset(store: SeriesStore, endMs: number): void {
    this.store = store;
    this.overlay = null;
    this.storeGen++;
    this.markerGen++;
    this.endMs = endMs > 0 ? endMs : 1;
    this.window = null;
    this.spans = [];
    this.jobs = [];
    this.alerts = new Map();
    this.glyphs = new Map();
    this.lastSeq = 0;
    this.caches.clear();
    this.overviewVersion = -1;
    this.overviewKey = '';
    this.scroll.scrollTop = 0;
    this.scrollTop = 0;
    this.brushG.call(this.brush.move, null);
    this.drawLegend();
    this.requestDraw();
  }

  addMarkers(entries: NotableEntry[]): void {
    for (const e of entries) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      switch (e.kind) {
        case 'outage':
        case 'fault':
          this.spans.push({ key: `${e.kind}|${e.subject}`, kind: e.kind, subject: e.subject, detail: e.detail, startMs: e.timeMs, endMs: null });
          break;
        case 'outage-end':
        case 'fault-end': {
          const key = `${e.kind.slice(0, -4)}|${e.subject}`;
          const open = findLast(this.spans, (s) => s.key === key && s.endMs === null);
          if (open) open.endMs = e.timeMs;
          break;
        }
        case 'alert':
          listOf(this.alerts, e.subject).push({ subject: e.subject, kind: e.detail, startMs: e.timeMs, endMs: null });
          break;
        case 'alert-cleared': {
          const open = findLast(this.alerts.get(e.subject) ?? [], (a) => a.kind === e.detail && a.endMs === null);
          if (open) open.endMs = e.timeMs;
          break;
        }
        case 'job':
          this.jobs.push({ seq: e.seq, subject: e.subject, action: e.detail, startMs: e.timeMs, endMs: null, failed: false });
          break;
        case 'job-done':
        case 'job-failed': {
          const open = this.jobs.find((j) => j.subject === e.subject && j.endMs === null);
          if (open) {
            open.endMs = e.timeMs;
            open.failed = e.kind === 'job-failed';
          }
          break;
        }
        case 'vm-up':
        case 'resync-required':
        case 'cycle-missed':
          listOf(this.glyphs, e.subject).push({ timeMs: e.timeMs, kind: e.kind });
          break;
        default:
          break;
      }
    }
    this.overviewKey = '';
    if (entries.length > 0) this.markerGen++;
  }

  setOverlay(store: SeriesStore | null, label = 'what-if'): void {
    this.overlay = store;
    this.overlayLabel = label;
    this.storeGen++;
    this.drawLegend();
    this.requestDraw();
  }

  /** Highlights a VM's lane (the inspector's selection) and scrolls it into view. */
  setSelected(id: string | null): void {
    this.selectedId = id;
    const row = this.state?.vms.findIndex((v) => v.id === id) ?? -1;
    if (row >= 0) {
      const top = row * LANE_H;
      const vh = Math.min(this.state!.vms.length, MAX_VISIBLE_LANES) * LANE_H;
      if (top < this.scrollTop) this.scroll.scrollTop = top;
      else if (top + LANE_H > this.scrollTop + vh) this.scroll.scrollTop = top + LANE_H - vh;
      this.scrollTop = this.scroll.scrollTop;
    }
    this.requestDraw();
  }

  /** The window shown, [t0, t1] ms. */
  getWindow(): [number, number] {
    return this.window ?? [0, this.endMs];
  }

  /** Shows [t0, t1] (clamped to the run), or the whole run for null. */
  setWindow(window: [number, number] | null, moveBrush = true): void {
    if (window !== null) {
      let [t0, t1] = window;
      const span = Math.min(this.endMs, Math.max(MIN_SPAN_MS, t1 - t0));
      if (t0 < 0) t0 = 0;
      if (t0 + span > this.endMs) t0 = this.endMs - span;
      t1 = t0 + span;
      window = t0 <= 0 && t1 >= this.endMs ? null : [t0, t1];
    }
    this.window = window;
    if (moveBrush) {
      const k = this.plotWidth() / this.endMs;
      this.brushG.call(this.brush.move, window === null ? null : [window[0] * k, window[1] * k]);
    }
    this.requestDraw();
  }

  render(state: SessionState): void {
    this.state = state;
    this.drawStartedAt = performance.now();
    this.draw();
    this.drawStartedAt = null;
  }

  /** When the current render() began (null outside one): a costly lane pass defers the overview. */
  private drawStartedAt: number | null = null;

  exportSvg(): string {
    this.draw();
    const width = this.root.clientWidth || this.width;
    const parts: [SVGSVGElement, number][] = [];
    let y = 0;
    for (const part of [this.legendSvg, this.axisSvg, this.lanesSvg, this.overviewSvg]) {
      parts.push([part, y]);
      y += part.getBoundingClientRect().height || Number(part.getAttribute('height')) || 0;
    }
    const height = Math.ceil(y);
    const out = svgEl('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` });
    const rootStyle = getComputedStyle(this.root);
    svgEl('rect', { width: '100%', height: '100%', fill: rootStyle.backgroundColor || '#ffffff' }, out);
    for (const [part, dy] of parts) {
      const g = svgEl('g', { transform: `translate(0,${dy})`, 'font-family': rootStyle.fontFamily });
      const clone = part.cloneNode(true) as SVGSVGElement;
      inlineStyles(part, clone);
      for (const child of Array.from(clone.childNodes)) g.append(child);
      out.append(g);
    }
    return new XMLSerializer().serializeToString(out);
  }

  async exportPng(): Promise<Blob> {
    const text = this.exportSvg();
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
    try {
      const image = new Image();
      await new Promise<void>((resolve, reject) => {
        image.onload = () => resolve();
        image.onerror = () => reject(new Error('the timeline SVG did not load as an image'));
        image.src = url;
      });
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(image.width * scale);
      canvas.height = Math.ceil(image.height * scale);
      const ctx = canvas.getContext('2d');
      if (ctx === null) throw new Error('no 2D canvas to draw the timeline into');
      ctx.scale(scale, scale);
      ctx.drawImage(image, 0, 0);
      return await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
      );
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  /** Removes the view and its listeners. */
  destroy(): void {
    this.resizeObserver?.disconnect();
    this.root.remove();
  }

  // ——— drawing ———

  /** Takes the root's width (read only here, so `render` never forces a layout). */
  private resized(width: number): void {
    const w = Math.round(width);
    if (w <= 0 || w === this.width) return;
    this.width = w;
    this.overviewKey = '';
    this.setWindow(this.window);
  }

  private plotWidth(): number {
    return Math.max(50, (this.width || this.root.clientWidth || 800) - HEADER_W - PAD_R);
  }

  private requestDraw(urgent = true): void {
    this.callbacks.requestDraw(urgent);
  }

  private buildStatic(): void {
    const lanes = select(this.lanesSvg);
    const defs = lanes.append('defs');
    defs.append('clipPath').attr('id', `${this.uid}-plot`).append('rect').attr('x', 0).attr('y', 0).attr('height', LANE_H);
    defs.append('clipPath').attr('id', `${this.uid}-head`).append('rect').attr('x', 0).attr('y', 0).attr('width', HEADER_W - 14).attr('height', LANE_H);
    lanes.append('path').attr('class', 'tl-grid');
    lanes.append('g').attr('class', 'tl-lanes-layer');
    lanes.append('g').attr('class', 'tl-spans-layer');
    lanes.append('g').attr('class', 'tl-jobs-layer');
    lanes.append('line').attr('class', 'tl-clock');
    lanes.append('line').attr('class', 'tl-cursor');

    const axis = select(this.axisSvg);
    axis.append('text').attr('class', 'tl-axis-title').attr('x', 14).attr('y', 15).text('Simulated time');
    axis.append('text').attr('class', 'tl-axis-range').attr('x', 14).attr('y', 30);
    axis.append('text').attr('class', 'tl-axis-hint').attr('x', 14).attr('y', 44);
    axis.append('g').attr('class', 'tl-ticks');
    axis.append('g').attr('class', 'tl-band');
    axis.append('line').attr('class', 'tl-axis-base');
    const clock = axis.append('g').attr('class', 'tl-clock-pill');
    clock.append('rect').attr('rx', 3).attr('height', 15).attr('y', 2);
    clock.append('text').attr('y', 13);
    const pill = axis.append('g').attr('class', 'tl-cursor-pill');
    pill.append('rect').attr('rx', 3).attr('height', 15).attr('y', 2);
    pill.append('text').attr('y', 13);

    const ov = select(this.overviewSvg);
    ov.append('text').attr('class', 'tl-ov-title').attr('x', 14).attr('y', 24).text('Whole run');
    ov.append('text').attr('class', 'tl-ov-sub').attr('x', 14).attr('y', 38).text('worst RPO ÷ threshold');
    const plot = ov.append('g').attr('class', 'tl-ov-plot').attr('transform', `translate(${HEADER_W},6)`);
    plot.append('rect').attr('class', 'tl-ov-bg').attr('height', OVERVIEW_H - 12).attr('rx', 4);
    plot.append('g').attr('class', 'tl-ov-spans');
    plot.append('path').attr('class', 'tl-ov-area');
    plot.append('path').attr('class', 'tl-ov-overlay overlay');
    plot.append('line').attr('class', 'tl-ov-threshold');
    plot.append('path').attr('class', 'tl-ov-jobs');
    plot.append('line').attr('class', 'tl-ov-clock');
  }

  private drawLegend(): void {
    const g = select(this.legendSvg);
    g.selectAll('*').remove();
    const items: [string, string][] = [
      ['rpo', 'RPO'],
      ['threshold', 'RPO threshold'],
      ['churn', 'churn'],
      ['throughput', 'throughput'],
      ['backlog', 'backlog'],
      ['crash', 'crash point'],
      ['app', 'app point'],
      ['outage', 'outage'],
      ['fault', 'fault'],
    ];
    let x = 14;
    if (this.overlay !== null) {
      for (const [kind, label] of [
        ['baseline', 'baseline'],
        ['overlay', this.overlayLabel],
      ] as const) {
        x = legendItem(g, x, kind, label);
      }
      g.append('line').attr('class', 'tl-legend-sep').attr('x1', x).attr('x2', x).attr('y1', 9).attr('y2', 21);
      x += 14;
    }
    for (const [kind, label] of items) x = legendItem(g, x, kind, label);
  }

  private draw(): void {
    if (this.width === 0) this.resized(this.root.clientWidth);
    const state = this.state;
    const store = this.store;
    const ready = state !== null && store !== null;
    this.empty.style.display = ready ? 'none' : '';
    if (!ready) return;
    const vms = state.vms;
    const W = this.width || 800;
    const px = Math.round(this.plotWidth());
    const [t0, t1] = this.getWindow();
    const kx = px / (t1 - t0);
    const x = (t: number) => (t - t0) * kx;

    const visibleLanes = Math.max(1, Math.min(vms.length, MAX_VISIBLE_LANES));
    const vh = visibleLanes * LANE_H;
    const totalH = vms.length * LANE_H;
    setAttr(this.legendSvg, 'width', W);
    setAttr(this.legendSvg, 'height', LEGEND_H);
    setAttr(this.axisSvg, 'width', W);
    setAttr(this.axisSvg, 'height', AXIS_H);
    setAttr(this.lanesSvg, 'width', W);
    setAttr(this.lanesSvg, 'height', vh);
    setAttr(this.overviewSvg, 'width', W);
    setAttr(this.overviewSvg, 'height', OVERVIEW_H);
    setStyle(this.scroll, 'height', `${vh}px`);
    setStyle(this.spacer, 'height', `${Math.max(0, totalH - vh)}px`);
    const overflow = vms.length > MAX_VISIBLE_LANES;
    setText(this.axisSvg.querySelector('.tl-axis-hint')!, overflow ? 'Ctrl+wheel zoom · drag pan' : 'wheel zoom · drag pan');
    setText(
      this.axisSvg.querySelector('.tl-axis-range')!,
      this.window === null ? `whole run · ${formatDurationShort(this.endMs)}` : `${formatDurationShort(t1 - t0)} of ${formatDurationShort(this.endMs)}`,
    );
    this.hint.textContent = overflow ? `${vms.length} VMs · scroll for more` : `${vms.length} VM${vms.length === 1 ? '' : 's'}`;
    setStyle(this.resetButton, 'visibility', this.window === null ? 'hidden' : 'visible');

    const scrollTop = Math.min(this.scrollTop, Math.max(0, totalH - vh));
    const firstRow = Math.max(0, Math.floor(scrollTop / LANE_H));
    const lastRow = Math.min(vms.length - 1, Math.floor((scrollTop + vh - 1) / LANE_H));
    const lanes: LaneDatum[] = [];
    for (let row = firstRow; row <= lastRow; row++) lanes.push({ vm: vms[row], row });

    const ticks = timeTicks(t0, t1, px);
    this.drawAxis(ticks, x, px, state);
    this.drawGrid(ticks, x, vh);
    this.drawLanes(lanes, scrollTop, t0, t1, px, x, state);
    this.drawSpans(x, px, vh, state);
    this.drawJobs(x, px, vh);
    const clockX = x(state.timeMs);
    const showClock = state.timeMs > 0 && state.timeMs < this.endMs && state.status !== 'ended' && clockX >= 0 && clockX <= px;
    const clock = select(this.lanesSvg).select('line.tl-clock');
    clock.attr('display', showClock ? null : 'none');
    if (showClock) clock.attr('x1', HEADER_W + clockX).attr('x2', HEADER_W + clockX).attr('y1', 0).attr('y2', vh);
    this.drawOverview(px, state);
    if (this.cursorX !== null) this.drawCursor();
    // Drop caches of lanes scrolled far away, to bound memory with many VMs.
    if (this.caches.size > 3 * MAX_VISIBLE_LANES) {
      const keep = new Set(lanes.map((l) => l.vm.index));
      for (const k of this.caches.keys()) if (!keep.has(k)) this.caches.delete(k);
    }
  }

  private drawAxis(ticks: Tick[], x: (t: number) => number, px: number, state: SessionState): void {
    const axis = select(this.axisSvg);
    axis
      .select('line.tl-axis-base')
      .attr('x1', HEADER_W)
      .attr('x2', HEADER_W + px)
      .attr('y1', AXIS_H - 0.5)
      .attr('y2', AXIS_H - 0.5);
    axis
      .select('g.tl-ticks')
      .selectAll<SVGGElement, Tick>('g.tl-tick')
      .data(ticks, (d) => String(d.timeMs))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'tl-tick');
        g.append('line').attr('y1', 17).attr('y2', AXIS_H);
        g.append('text').attr('y', 14).attr('x', 4);
        return g;
      })
      .attr('transform', (d) => `translate(${(HEADER_W + x(d.timeMs)).toFixed(1)},0)`)
      .classed('tl-tick-major', (d) => d.major)
      .select('text')
      .text((d) => d.label)
      .attr('display', (d) => (x(d.timeMs) + d.label.length * 6.5 + 6 > px ? 'none' : null));

    // Span and job labels in the band, packed into rows.
    interface BandItem {
      key: string;
      cls: string;
      x0: number;
      x1: number;
      label: string;
      row: number;
      job: boolean;
      showLabel: boolean;
    }
    const items: BandItem[] = [];
    const now = Math.min(state.timeMs, this.endMs);
    for (const s of this.spans) {
      const x0 = x(s.startMs);
      const x1 = x(s.endMs ?? now);
      if (x1 < 0 || x0 > px) continue;
      items.push({ key: `s${s.key}${s.startMs}`, cls: `tl-band-${s.kind}`, x0, x1: Math.max(x1, x0 + 2), label: spanLabel(s), row: 0, job: false, showLabel: true });
    }
    for (const j of this.jobs) {
      const x0 = x(j.startMs);
      const x1 = j.endMs === null ? x(now) : x(j.endMs);
      if (x1 < 0 || x0 > px) continue;
      items.push({ key: `j${j.seq}`, cls: j.failed ? 'tl-band-job tl-failed' : 'tl-band-job', x0, x1: Math.max(x1, x0 + 1), label: `${j.action} · ${j.subject}`, row: 0, job: true, showLabel: true });
    }
    items.sort((a, b) => a.x0 - b.x0);
    const rowEnds = new Array<number>(BAND_ROWS).fill(-Infinity);
    for (const it of items) {
      const labelEnd = Math.max(it.x1, it.x0 + it.label.length * 5.6 + 14);
      let row = rowEnds.findIndex((end) => end + 4 <= it.x0);
      if (row < 0) {
        // No room for the label: the bar or flag goes where it overlaps least, unlabelled.
        row = rowEnds.indexOf(Math.min(...rowEnds));
        it.showLabel = false;
      }
      it.row = row;
      rowEnds[row] = Math.max(rowEnds[row], it.showLabel ? labelEnd : it.x1);
    }
    axis
      .select('g.tl-band')
      .selectAll<SVGGElement, BandItem>('g.tl-band-item')
      .data(items, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'tl-band-item');
        g.append('rect').attr('class', 'tl-band-bar').attr('height', BAND_ROW_H - 2).attr('rx', 2);
        g.append('path').attr('class', 'tl-band-flag');
        g.append('text').attr('y', BAND_ROW_H - 3);
        return g;
      })
      .attr('class', (d) => `tl-band-item ${d.cls}`)
      .attr('transform', (d) => `translate(${(HEADER_W + Math.max(0, d.x0)).toFixed(1)},${BAND_TOP + d.row * BAND_ROW_H})`)
      .each(function (d) {
        const g = select(this);
        const w = Math.min(px, d.x1) - Math.max(0, d.x0);
        g.select('rect').attr('width', Math.max(1, w));
        g.select('path').attr('d', d.job && d.x0 >= 0 ? `M0,0V${BAND_ROW_H - 2}` : '');
        g.select('text')
          .attr('x', d.job ? 4 : 3)
          .text(d.label)
          .attr('display', !d.showLabel || Math.max(0, d.x0) + 20 > px ? 'none' : null);
      });

    const clockShown = state.timeMs > 0 && state.timeMs < this.endMs && state.status !== 'ended';
    const clockX = x(state.timeMs);
    const pill = axis.select<SVGGElement>('g.tl-clock-pill');
    pill.attr('display', clockShown && clockX >= 0 && clockX <= px ? null : 'none');
    if (clockShown) this.placePill(pill, HEADER_W + clockX, formatClock(state.timeMs, true), px);
  }

  private placePill(pill: Selection<SVGGElement, unknown, null, undefined>, xAt: number, label: string, px: number): void {
    const text = pill.select<SVGTextElement>('text').text(label);
    const w = label.length * 6.3 + 12;
    const left = Math.max(HEADER_W, Math.min(HEADER_W + px - w, xAt - w / 2));
    pill.attr('transform', `translate(${left.toFixed(1)},0)`);
    pill.select('rect').attr('width', w);
    text.attr('x', w / 2);
  }

  private drawGrid(ticks: Tick[], x: (t: number) => number, vh: number): void {
    let d = '';
    for (const t of ticks) d += `M${(HEADER_W + x(t.timeMs)).toFixed(1)},0V${vh}`;
    this.lanesSvg.querySelector('path.tl-grid')!.setAttribute('d', d);
  }

  private drawLanes(lanes: LaneDatum[], scrollTop: number, t0: number, t1: number, px: number, x: (t: number) => number, state: SessionState): void {
    const uid = this.uid;
    const els = this.els;
    const onSelect = (d: LaneDatum) => this.callbacks.onSelectVm(d.vm.id);
    select(this.lanesSvg).select(`#${uid}-plot rect`).attr('width', px);
    const sel = select(this.lanesSvg)
      .select('g.tl-lanes-layer')
      .selectAll<SVGGElement, LaneDatum>('g.tl-lane')
      .data(lanes, (d) => d.vm.id)
      .join((enter) =>
        enter.append('g').each(function (d) {
          els.set(this, buildLane(this, uid, () => onSelect(d)));
        }),
      );
    sel
      .attr('class', (d) => (d.vm.id === this.selectedId ? 'tl-lane tl-selected' : 'tl-lane'))
      .attr('data-lane', (d) => d.vm.id)
      .attr('transform', (d) => `translate(0,${d.row * LANE_H - scrollTop})`);
    // Lanes whose view changed (zoom, scroll, overlay) redraw now; lanes that only have new
    // samples redraw stalest first within a small time budget, the rest on the next frames.
    const started = performance.now();
    const stale: [LaneEls, LaneDatum][] = [];
    sel.each((d, i, nodes) => {
      const e = els.get(nodes[i])!;
      if (this.drawLane(e, d, t0, t1, px, x, state, false) === 'stale') stale.push([e, d]);
    });
    stale.sort((a, b) => a[0].drawnAt - b[0].drawnAt);
    let drawn = 0;
    for (const [e, d] of stale) {
      if (drawn > 0 && performance.now() - started > STALE_BUDGET_MS) break;
      this.drawLane(e, d, t0, t1, px, x, state, true);
      drawn++;
    }
    if (drawn < stale.length) this.requestDraw(false);
  }

  private cacheFor(index: number, px: number): LaneCache {
    let c = this.caches.get(index);
    if (c === undefined || c.rpo.min.length !== px) {
      c = {
        rpo: createPixelSeries(px),
        churn: createPixelSeries(px),
        tput: createPixelSeries(px),
        backlog: createPixelSeries(px),
        ovRpo: createPixelSeries(px),
        ovTput: createPixelSeries(px),
        hasOverlay: false,
      };
      this.caches.set(index, c);
    }
    return c;
  }

  /** Draws a lane; returns 'stale' when only new samples are missing and `force` is false. */
  private drawLane(e: LaneEls, d: LaneDatum, t0: number, t1: number, px: number, x: (t: number) => number, state: SessionState, force: boolean): 'drawn' | 'stale' {
    const vm = d.vm;
    const store = this.store!;
    setAttr(e.bg, 'class', d.row % 2 === 0 ? 'tl-lane-bg' : 'tl-lane-bg tl-odd');
    setAttr(e.dot, 'class', `tl-dot tl-h-${healthClass(vm)}`);
    setText(e.id, vm.id);
    setText(e.sub, `${stateLabel(vm)} · ${vm.site}`);
    setText(e.now, vm.rpoMs === null ? 'RPO —' : `RPO ${formatDurationShort(vm.rpoMs)} / ${formatDurationShort(vm.rpoThresholdMs)}`);
    setAttr(e.now, 'class', `tl-lane-now tl-t-${healthClass(vm)}`);

    const now = Math.min(state.timeMs, this.endMs);
    const markerKey = `${this.markerGen}|${now}|${t0}|${t1}|${px}|${this.spans.length}`;
    if (markerKey !== e.markerKey) {
      e.markerKey = markerKey;
      this.drawLaneMarkers(e, vm, t0, t1, px, x, now);
    }
    const viewKey = `${this.storeGen}|${this.overlay?.version ?? -1}|${t0}|${t1}|${px}|${vm.index}|${vm.rpoThresholdMs}`;
    if (viewKey === e.dataKey && this.caches.has(vm.index)) {
      if (e.version === store.version) return 'drawn';
      if (!force) return 'stale';
    } else if (!force && e.storeGen !== this.storeGen) {
      // A new run or overlay: lanes fill in over the next frames, within the budget, rather
      // than all in one frame (while the code is still cold at the start of a run).
      return 'stale';
    }
    e.dataKey = viewKey;
    e.storeGen = this.storeGen;
    e.version = store.version;
    e.drawnAt = performance.now();
    const c = this.cacheFor(vm.index, px);
    store.query(vm.index, 'rpo_ms', t0, t1, px, c.rpo);
    store.query(vm.index, 'churn_Bps', t0, t1, px, c.churn);
    store.query(vm.index, 'throughput_Bps', t0, t1, px, c.tput);
    store.query(vm.index, 'backlog_bytes', t0, t1, px, c.backlog);
    const ov = this.overlay;
    c.hasOverlay = ov !== null;
    if (ov !== null) {
      ov.query(vm.index, 'rpo_ms', t0, t1, px, c.ovRpo);
      ov.query(vm.index, 'throughput_Bps', t0, t1, px, c.ovTput);
    }

    // RPO row: 0 … a nice value above the threshold and the highest sample in view.
    let rpoMax = Math.max(vm.rpoThresholdMs * 1.25, maxOf(c.rpo.max), ov ? maxOf(c.ovRpo.max) : 0, 60_000);
    rpoMax = niceDurationCeil(rpoMax);
    const kr = (RPO_BOT - RPO_TOP) / rpoMax;
    setAttr(e.rpoBand, 'd', bandPath(c.rpo.min, c.rpo.max, RPO_BOT, kr));
    setAttr(e.rpoLine, 'd', linePath(c.rpo.max, RPO_BOT, kr));
    const ty = round1(RPO_BOT - vm.rpoThresholdMs * kr);
    setAttr(e.threshold, 'y1', ty);
    setAttr(e.threshold, 'y2', ty);
    setAttr(e.threshold, 'x2', px);
    setText(e.rpoScale, formatDurationShort(rpoMax));

    // Rates row: churn against throughput on one scale.
    const rateMax = niceCeil(Math.max(maxOf(c.churn.max), maxOf(c.tput.max), ov ? maxOf(c.ovTput.max) : 0, 1));

    // Backlog on its own scale, full at least five minutes of the lane's peak rate, so a backlog
    // that drains in seconds stays a sliver.
    const backlogMax = Math.max(maxOf(c.backlog.max), rateMax * 300);
    setAttr(e.backlog, 'd', maxOf(c.backlog.max) > 0 ? areaPath(c.backlog.max, RPO_BOT, (RPO_BOT - RPO_TOP) / backlogMax) : '');
    const kq = (RATE_BOT - RATE_TOP) / rateMax;
    setAttr(e.tput, 'd', areaPath(c.tput.max, RATE_BOT, kq));
    setAttr(e.tputLine, 'd', linePath(c.tput.max, RATE_BOT, kq));
    setAttr(e.churn, 'd', linePath(c.churn.max, RATE_BOT, kq));
    setText(e.rateScale, formatRate(rateMax));

    setAttr(e.ovRpo, 'd', ov ? linePath(c.ovRpo.max, RPO_BOT, kr) : '');
    setAttr(e.ovTput, 'd', ov ? linePath(c.ovTput.max, RATE_BOT, kq) : '');

    // Recovery points, when they are at most one per 3 px.
    const count = store.pointCount(vm.index, t0, t1);
    let crash = '';
    let app = '';
    if (count > 0 && count <= px / 3) {
      let lastCrash = -9;
      let lastApp = -9;
      store.forEachPoint(vm.index, t0, t1, (t, kind) => {
        const xx = round1(x(t));
        if (kind === POINT_APP) {
          if (xx - lastApp >= 1) app += `M${xx},${TICK_BOT - 7}V${TICK_BOT}`;
          lastApp = xx;
        } else {
          if (xx - lastCrash >= 1) crash += `M${xx},${TICK_BOT - 4}V${TICK_BOT}`;
          lastCrash = xx;
        }
      });
    }
    setAttr(e.crash, 'd', crash);
    setAttr(e.app, 'd', app);
    setText(e.pointsNote, count > px / 3 ? `${count.toLocaleString('en-US')} recovery points · zoom in for ticks` : '');
    setAttr(e.pointsNote, 'x', px - 4);
    return 'drawn';
  }

  /** Markers of one VM: its own outages / churn faults, alerts, and event glyphs. */
  private drawLaneMarkers(e: LaneEls, vm: VmView, t0: number, t1: number, px: number, x: (t: number) => number, now: number): void {
    let spans = '';
    let faults = '';
    for (const s of this.spans) {
      if (!spanConcernsVm(s, vm)) continue;
      const x0 = Math.max(0, x(s.startMs));
      const x1 = Math.min(px, x(s.endMs ?? now));
      if (x1 < 0 || x0 > px) continue;
      const r = `M${round1(x0)},0H${round1(Math.max(x1, x0 + 1))}V${LANE_H}H${round1(x0)}Z`;
      if (s.kind === 'outage') spans += r;
      else faults += r;
    }
    setAttr(e.vmSpans, 'd', spans);
    setAttr(e.faultSpans, 'd', faults);

    let bars = '';
    let tri = '';
    for (const a of this.alerts.get(vm.id) ?? []) {
      const x0 = x(a.startMs);
      const x1 = x(a.endMs ?? now);
      if (x1 < -6 || x0 > px + 6) continue;
      bars += `M${round1(Math.max(-1, x0))},1H${round1(Math.min(px + 1, Math.max(x1, x0 + 1)))}V3H${round1(Math.max(-1, x0))}Z`;
      if (x0 >= -6 && x0 <= px + 6) tri += `M${round1(x0 - 4.5)},0H${round1(x0 + 4.5)}L${round1(x0)},7Z`;
    }
    setAttr(e.alertBars, 'd', bars);
    setAttr(e.alerts, 'd', tri);

    let up = '';
    let resync = '';
    let missed = '';
    const last: Record<Glyph['kind'], number> = { 'vm-up': -99, 'resync-required': -99, 'cycle-missed': -99 };
    for (const gl of visibleGlyphs(this.glyphs.get(vm.id), t0, t1)) {
      const xx = round1(x(gl.timeMs));
      if (xx - last[gl.kind] < 4) continue;
      last[gl.kind] = xx;
      if (gl.kind === 'vm-up') up += `M${xx},${RATE_TOP - 1}l4,6h-8Z`;
      else if (gl.kind === 'resync-required') resync += `M${xx},${RPO_TOP - 4}l3.5,3.5l-3.5,3.5l-3.5,-3.5Z`;
      else missed += `M${xx - 1.6},${RATE_TOP - 3}a1.6,1.6 0 1,0 3.2,0a1.6,1.6 0 1,0 -3.2,0`;
    }
    setAttr(e.glyphUp, 'd', up);
    setAttr(e.glyphResync, 'd', resync);
    setAttr(e.glyphMissed, 'd', missed);
  }

  private drawSpans(x: (t: number) => number, px: number, vh: number, state: SessionState): void {
    const now = Math.min(state.timeMs, this.endMs);
    const vmIds = new Set(state.vms.map((v) => v.id));
    const global = this.spans.filter((s) => !vmIds.has(s.subject) && !isDiskSpan(s));
    const shown = global
      .map((s) => ({ s, x0: Math.max(0, x(s.startMs)), x1: Math.min(px, x(s.endMs ?? now)) }))
      .filter((d) => d.x1 >= 0 && d.x0 <= px);
    select(this.lanesSvg)
      .select('g.tl-spans-layer')
      .selectAll<SVGRectElement, (typeof shown)[number]>('rect')
      .data(shown)
      .join('rect')
      .attr('class', (d) => `tl-span tl-span-${d.s.kind}`)
      .attr('x', (d) => round1(HEADER_W + d.x0))
      .attr('width', (d) => round1(Math.max(1, d.x1 - d.x0)))
      .attr('y', 0)
      .attr('height', vh);
  }

  private drawJobs(x: (t: number) => number, px: number, vh: number): void {
    const shown = this.jobs.filter((j) => {
      const xx = x(j.startMs);
      return xx >= 0 && xx <= px;
    });
    select(this.lanesSvg)
      .select('g.tl-jobs-layer')
      .selectAll<SVGLineElement, Job>('line')
      .data(shown, (d) => String(d.seq))
      .join('line')
      .attr('class', (d) => (d.failed ? 'tl-job tl-failed' : 'tl-job'))
      .attr('x1', (d) => round1(HEADER_W + x(d.startMs)))
      .attr('x2', (d) => round1(HEADER_W + x(d.startMs)))
      .attr('y1', 0)
      .attr('y2', vh);
  }

  private drawOverview(px: number, state: SessionState): void {
    const store = this.store!;
    const h = OVERVIEW_H - 12;
    const plot = select(this.overviewSvg).select('g.tl-ov-plot');
    plot.select('rect.tl-ov-bg').attr('width', px);
    const k = px / this.endMs;
    const clockX = state.timeMs * k;
    plot
      .select('line.tl-ov-clock')
      .attr('x1', clockX)
      .attr('x2', clockX)
      .attr('y1', 0)
      .attr('y2', h)
      .attr('display', state.timeMs > 0 && state.timeMs < this.endMs && state.status !== 'ended' ? null : 'none');
    if (this.brushExtentPx !== px) {
      this.brushExtentPx = px;
      this.brush.extent([
        [0, 0],
        [px, h],
      ]);
      this.brushG.call(this.brush);
      if (this.window !== null) this.brushG.call(this.brush.move, [(this.window[0] * px) / this.endMs, (this.window[1] * px) / this.endMs]);
    }
    // The aggregate is costly with many VMs: recompute at most 4 times a second while data flows,
    // and not in a render whose lanes already took their share of the frame (the next one will).
    // A skipped update asks for another draw, so the last data of a run is always drawn.
    if (this.drawStartedAt !== null && performance.now() - this.drawStartedAt > 8 && this.overviewVersion >= 0) {
      this.requestDraw(false);
      return;
    }
    const key = `${px}|${state.vms.length}|${this.overlay?.version ?? -1}|${this.spans.length}|${this.jobs.length}`;
    const wall = performance.now();
    if (key === this.overviewKey && store.version === this.overviewVersion) return;
    if (key === this.overviewKey && wall - this.overviewAt < 250) {
      this.requestDraw(false);
      return;
    }
    this.overviewKey = key;
    this.overviewVersion = store.version;
    this.overviewAt = wall;
    const ratioMax = 2;
    const ky = (h - 4) / ratioMax;
    const agg = ratioPixels(this.worstBucketsOf(store, state.vms), store, px, ratioMax);
    plot.select('path.tl-ov-area').attr('d', areaPath(agg, h, ky));
    const ovKey = `${this.storeGen}|${this.overlay?.version ?? -1}|${px}`;
    if (ovKey !== this.overviewOverlayKey) {
      this.overviewOverlayKey = ovKey;
      const overlay = this.overlay;
      plot
        .select('path.tl-ov-overlay')
        .attr('d', overlay ? linePath(ratioPixels(worstBuckets(overlay, state.vms), overlay, px, ratioMax), h, ky) : '');
    }
    plot
      .select('line.tl-ov-threshold')
      .attr('x1', 0)
      .attr('x2', px)
      .attr('y1', h - ky)
      .attr('y2', h - ky);
    const now = Math.min(state.timeMs, this.endMs);
    plot
      .select('g.tl-ov-spans')
      .selectAll<SVGRectElement, Span>('rect')
      .data(this.spans)
      .join('rect')
      .attr('class', (d) => `tl-ov-span tl-span-${d.kind}`)
      .attr('x', (d) => d.startMs * k)
      .attr('width', (d) => Math.max(1, ((d.endMs ?? now) - d.startMs) * k))
      .attr('y', 0)
      .attr('height', h);
    let jobs = '';
    for (const j of this.jobs) jobs += `M${round1(j.startMs * k)},0V${h}`;
    plot.select('path.tl-ov-jobs').attr('d', jobs);
  }

  /**
   * The worst RPO / threshold of any VM per bucket of the store, kept up to date from the
   * buckets written since the last call (a frame touches a few; a cold pass over 100 VMs ×
   * 4,096 buckets would take a frame's whole budget).
   */
  private worstBucketsOf(store: SeriesStore, vms: VmView[]): Float32Array {
    const touched = store.takeTouched('rpo_ms');
    if (this.worst === null || this.worstStore !== store) {
      // A store starts empty, and `takeTouched` has told of every bucket written since.
      this.worstStore = store;
      this.worst = new Float32Array(store.bucketCount).fill(-Infinity);
    }
    if (touched !== null) worstBuckets(store, vms, this.worst, touched[0], touched[1]);
    return this.worst;
  }

  // ——— interaction ———

  private onWheel(e: WheelEvent, overLanes: boolean): void {
    if (this.store === null) return;
    const rect = this.root.getBoundingClientRect();
    const xIn = e.clientX - rect.left - HEADER_W;
    const px = this.plotWidth();
    const [t0, t1] = this.getWindow();
    const dxScale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? px : 1;
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
      // Horizontal scrolling (or Shift+wheel) pans.
      e.preventDefault();
      const delta = (Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY) * dxScale;
      const dt = (delta * (t1 - t0)) / px;
      this.setWindow([t0 + dt, t1 + dt]);
      return;
    }
    const overflow = (this.state?.vms.length ?? 0) > MAX_VISIBLE_LANES;
    if (overLanes && overflow && !e.ctrlKey && !e.metaKey) return; // scroll the lanes
    if (overLanes && xIn < 0) return;
    e.preventDefault();
    const inOverview = e.currentTarget === this.overviewSvg;
    const at = inOverview ? (Math.max(0, Math.min(px, xIn)) / px) * this.endMs : t0 + (Math.max(0, Math.min(px, xIn)) / px) * (t1 - t0);
    const factor = Math.exp(Math.max(-1, Math.min(1, e.deltaY * dxScale * 0.0025)));
    const span = Math.max(MIN_SPAN_MS, Math.min(this.endMs, (t1 - t0) * factor));
    const f = (at - t0) / (t1 - t0);
    this.setWindow([at - f * span, at - f * span + span]);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || e.offsetX < HEADER_W || this.store === null) return;
    const [t0, t1] = this.getWindow();
    this.drag = { x: e.clientX, t0, t1, moved: false };
    this.lanesSvg.setPointerCapture(e.pointerId);
  }

  private onPointerMove(e: PointerEvent): void {
    const rect = this.lanesSvg.getBoundingClientRect();
    const xIn = e.clientX - rect.left - HEADER_W;
    this.cursorY = e.clientY - rect.top;
    this.lanesTop = rect.top - this.root.getBoundingClientRect().top;
    if (this.drag !== null) {
      const dx = e.clientX - this.drag.x;
      if (Math.abs(dx) > 2) this.drag.moved = true;
      if (this.drag.moved) {
        const dt = (-dx * (this.drag.t1 - this.drag.t0)) / this.plotWidth();
        this.lanesSvg.classList.add('tl-dragging');
        this.setWindow([this.drag.t0 + dt, this.drag.t1 + dt]);
      }
    }
    this.setCursor(xIn >= 0 && xIn <= this.plotWidth() ? xIn : null);
  }

  private onPointerUp(e: PointerEvent): void {
    if (this.drag === null) return;
    this.drag = null;
    this.lanesSvg.classList.remove('tl-dragging');
    if (this.lanesSvg.hasPointerCapture(e.pointerId)) this.lanesSvg.releasePointerCapture(e.pointerId);
  }

  private setCursor(xIn: number | null): void {
    const changed = xIn === null ? this.cursorX !== null : this.cursorX === null || Math.round(xIn) !== Math.round(this.cursorX);
    this.cursorX = xIn;
    this.drawCursor();
    if (!changed) return;
    if (xIn === null) this.callbacks.onCursor(null);
    else {
      const [t0, t1] = this.getWindow();
      this.callbacks.onCursor(Math.round(t0 + (xIn / this.plotWidth()) * (t1 - t0)));
    }
  }

  private drawCursor(): void {
    const line = this.lanesSvg.querySelector('line.tl-cursor') as SVGLineElement;
    const pill = select(this.axisSvg).select<SVGGElement>('g.tl-cursor-pill');
    const state = this.state;
    if (this.cursorX === null || state === null || this.store === null) {
      line.setAttribute('display', 'none');
      pill.attr('display', 'none');
      this.tooltip.style.display = 'none';
      return;
    }
    const px = this.plotWidth();
    const [t0, t1] = this.getWindow();
    const t = t0 + (this.cursorX / px) * (t1 - t0);
    const xx = round1(HEADER_W + this.cursorX);
    line.setAttribute('display', '');
    line.setAttribute('x1', String(xx));
    line.setAttribute('x2', String(xx));
    line.setAttribute('y1', '0');
    line.setAttribute('y2', this.lanesSvg.getAttribute('height') ?? '0');
    pill.attr('display', null);
    this.placePill(pill, xx, formatClock(t, true), px);

    // The hovered lane's values at the cursor.
    const row = Math.floor((this.cursorY + this.scrollTop) / LANE_H);
    const vm = state.vms[row];
    const c = vm ? this.caches.get(vm.index) : undefined;
    const i = Math.max(0, Math.min(Math.round(px) - 1, Math.floor(this.cursorX)));
    if (vm === undefined || c === undefined || c.rpo.max.length !== Math.round(px)) {
      this.tooltip.style.display = 'none';
      return;
    }
    const rows: [string, string, string][] = [
      ['rpo', 'RPO', fmtOr(c.rpo.max[i], formatDurationShort)],
      ['churn', 'churn', fmtOr(c.churn.max[i], formatRate)],
      ['throughput', 'throughput', fmtOr(c.tput.max[i], formatRate)],
      ['backlog', 'backlog', fmtOr(c.backlog.max[i], formatSize)],
    ];
    if (c.hasOverlay) {
      rows.push(['overlay', `RPO · ${this.overlayLabel}`, fmtOr(c.ovRpo.max[i], formatDurationShort)]);
      rows.push(['overlay', `throughput · ${this.overlayLabel}`, fmtOr(c.ovTput.max[i], formatRate)]);
    }
    const tip = this.tooltip;
    tip.replaceChildren();
    const head = html('div', 'tl-tip-head');
    const name = html('strong', '');
    name.textContent = vm.id;
    const when = html('span', '');
    when.textContent = formatClock(t, true);
    head.append(name, when);
    tip.append(head);
    for (const [kind, label, value] of rows) {
      const r = html('div', 'tl-tip-row');
      const sw = html('span', `tl-sw tl-sw-${kind}`);
      const l = html('span', 'tl-tip-label');
      l.textContent = label;
      const v = html('span', 'tl-tip-value');
      v.textContent = value;
      r.append(sw, l, v);
      tip.append(r);
    }
    tip.style.display = 'block';
    const tipW = 230;
    const left = xx + 14 + tipW > this.width ? xx - 14 - tipW : xx + 14;
    tip.style.left = `${left}px`;
    tip.style.top = `${Math.max(0, this.lanesTop + row * LANE_H - this.scrollTop + 4)}px`;
  }
}

/** Writes into `into` (buckets lo…hi) the worst RPO / threshold of any VM; returns it. */
function worstBuckets(store: SeriesStore, vms: VmView[], into?: Float32Array, lo = 0, hi = store.bucketCount - 1): Float32Array {
  const buckets = into ?? new Float32Array(store.bucketCount);
  buckets.fill(-Infinity, lo, hi + 1);
  for (const vm of vms) {
    const inv = 1 / (vm.rpoThresholdMs > 0 ? vm.rpoThresholdMs : 1);
    const max = store.bucketMaxima(vm.index, 'rpo_ms');
    for (let b = lo; b <= hi; b++) {
      const r = max[b] * inv;
      if (r > buckets[b]) buckets[b] = r;
    }
  }
  return buckets;
}

/**
 * Per pixel over the whole run, the worst RPO ÷ threshold of any VM (capped at `cap`), from the
 * per-bucket worst ratios (`worstBuckets`); short gaps between samples are bridged, as the lanes do.
 */
function ratioPixels(buckets: Float32Array, store: SeriesStore, px: number, cap: number): Float32Array {
  const n = store.bucketCount;
  const out = new Float32Array(px).fill(NaN);
  for (let b = 0; b < n; b++) {
    const v = buckets[b];
    if (v === -Infinity) continue;
    const p0 = Math.floor((b * px) / n);
    const p1 = Math.max(p0, Math.ceil(((b + 1) * px) / n) - 1);
    const r = v > cap ? cap : v;
    for (let p = p0; p <= p1 && p < px; p++) if (!(out[p] >= r)) out[p] = r;
  }
  // A running max over about ten minutes, so the envelope of a saw-tooth stays an envelope.
  const radius = Math.floor((600_000 * px) / store.endMs / 2);
  if (radius > 0) {
    const src = out.slice();
    for (let i = 0; i < px; i++) {
      let m = src[i];
      for (let j = Math.max(0, i - radius); j <= Math.min(px - 1, i + radius); j++) if (src[j] > m || m !== m) m = src[j];
      out[i] = m;
    }
  }
  const maxRun = Math.floor((store.bridgeMs * px) / store.endMs) + 1;
  let prev = -1;
  for (let i = 0; i < px; i++) {
    if (out[i] !== out[i]) continue;
    if (prev >= 0 && i - prev > 1 && i - prev <= maxRun) for (let j = prev + 1; j < i; j++) out[j] = out[prev] + ((out[i] - out[prev]) * (j - prev)) / (i - prev);
    prev = i;
  }
  return out;
}

// ——— lanes ———

function buildLane(g: SVGGElement, uid: string, onSelect: () => void): LaneEls {
  const bg = svgEl('rect', { class: 'tl-lane-bg', width: '100%', height: LANE_H }, g);
  const header = svgEl('g', { class: 'tl-lane-head' }, g);
  const head = svgEl('rect', { class: 'tl-head-bg', width: HEADER_W, height: LANE_H }, header);
  header.addEventListener('click', onSelect);
  const text = svgEl('g', { 'clip-path': `url(#${uid}-head)` }, header);
  const dot = svgEl('circle', { class: 'tl-dot', cx: 18, cy: 18, r: 4.5 }, text);
  const id = svgEl('text', { class: 'tl-lane-id', x: 30, y: 22 }, text);
  const sub = svgEl('text', { class: 'tl-lane-sub', x: 14, y: 39 }, text);
  const now = svgEl('text', { class: 'tl-lane-now', x: 14, y: 55 }, text);
  svgEl('line', { class: 'tl-lane-sep', x1: 0, x2: '100%', y1: LANE_H - 0.5, y2: LANE_H - 0.5 }, g);
  svgEl('line', { class: 'tl-head-sep', x1: HEADER_W - 0.5, x2: HEADER_W - 0.5, y1: 0, y2: LANE_H }, g);

  const plot = svgEl('g', { class: 'tl-plot', transform: `translate(${HEADER_W},0)`, 'clip-path': `url(#${uid}-plot)` }, g);
  const path = (cls: string) => svgEl('path', { class: cls }, plot);
  const vmSpans = path('tl-vm-span tl-span-outage');
  const faultSpans = path('tl-vm-span tl-span-fault');
  const backlog = path('tl-backlog');
  const rpoBand = path('tl-rpo-band');
  const threshold = svgEl('line', { class: 'tl-threshold', x1: 0 }, plot);
  const rpoLine = path('tl-rpo-line');
  const ovRpo = path('tl-ov-rpo overlay');
  const tput = path('tl-tput');
  const tputLine = path('tl-tput-line');
  const churn = path('tl-churn');
  const ovTput = path('tl-ov-tput overlay');
  const crash = path('tl-pt-crash');
  const app = path('tl-pt-app');
  const alertBars = path('tl-alert-bar');
  const alerts = path('tl-alert');
  const glyphUp = path('tl-glyph-up');
  const glyphResync = path('tl-glyph-resync');
  const glyphMissed = path('tl-glyph-missed');
  const rpoScale = svgEl('text', { class: 'tl-scale', x: 4, y: RPO_TOP + 7 }, plot);
  const rateScale = svgEl('text', { class: 'tl-scale', x: 4, y: RATE_TOP + 7 }, plot);
  const pointsNote = svgEl('text', { class: 'tl-points-note', y: TICK_BOT - 0.5 }, plot);
  return {
    bg, head, dot, id, sub, now, vmSpans, faultSpans, backlog, rpoBand, rpoLine, threshold, tput, tputLine, churn,
    ovRpo, ovTput, crash, app, alertBars, alerts, glyphUp, glyphResync, glyphMissed, rpoScale, rateScale, pointsNote,
    dataKey: '',
    storeGen: -1,
    markerKey: '',
    version: -1,
    drawnAt: 0,
  };
}

function healthClass(vm: VmView): string {
  if (!vm.running) return 'down';
  if (vm.state === 'unprotected') return 'unprotected';
  return vm.health;
}

function stateLabel(vm: VmView): string {
  const s = vm.state.replace(/-/g, ' ');
  return vm.running ? s : `${s} (down)`;
}

function spanConcernsVm(s: Span, vm: VmView): boolean {
  if (s.subject === vm.id) return true;
  if (!isDiskSpan(s)) return false;
  const keys = s.subject.split(',');
  return vm.disks.some((d) => keys.includes(d.key));
}

/** A churn fault names disks (its detail is `churn-multiply=…`). */
function isDiskSpan(s: Span): boolean {
  return s.kind === 'fault' && s.detail.startsWith('churn');
}

function spanLabel(s: Span): string {
  if (s.kind === 'outage') return `${s.detail} outage · ${s.subject}`;
  const [what, value] = s.detail.split('=');
  const name = what === 'bandwidth-factor' ? 'degrade' : what === 'cache-throughput' ? 'throttle' : what === 'churn-multiply' ? 'churn ×' + value : what;
  return what === 'bandwidth-factor' ? `degrade ×${value} · ${s.subject}` : `${name} · ${s.subject}`;
}

function* visibleGlyphs(list: Glyph[] | undefined, t0: number, t1: number): Generator<Glyph> {
  if (list === undefined) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].timeMs < t0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i].timeMs <= t1; i++) yield list[i];
}

// ——— legend ———

function legendItem(g: Selection<SVGSVGElement, unknown, null, undefined>, x: number, kind: string, label: string): number {
  const item = g.append('g').attr('class', `tl-legend-item tl-lg-${kind}`).attr('transform', `translate(${x},0)`);
  const y = 15;
  switch (kind) {
    case 'crash':
    case 'app':
      item.append('line').attr('class', `tl-sw-line tl-pt-${kind}`).attr('x1', 8).attr('x2', 8).attr('y1', y - 5).attr('y2', y + 5);
      break;
    case 'backlog':
    case 'outage':
    case 'fault':
      item.append('rect').attr('class', `tl-sw-box tl-sw-${kind}`).attr('x', 1).attr('y', y - 5).attr('width', 14).attr('height', 10).attr('rx', 2);
      break;
    default:
      item.append('line').attr('class', `tl-sw-line tl-sw-${kind}`).attr('x1', 0).attr('x2', 16).attr('y1', y).attr('y2', y);
  }
  const text = item.append('text').attr('x', 21).attr('y', y + 4).text(label);
  const node = text.node() as SVGTextElement;
  let w = label.length * 6.2;
  try {
    w = node.getComputedTextLength() || w;
  } catch {
    // Not laid out (hidden): keep the estimate.
  }
  return x + 21 + w + 16;
}

// ——— paths ———

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

function maxOf(a: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

// Number-to-string conversion dominates path building, so coordinates come from small tables:
// x as pixel centres (i + 0.5) and pixel edges (i), y in tenths of a pixel.
const Y_TENTHS_MIN = -200;
const Y_TENTHS_MAX = 1200;
const Y_STR: string[] = [];
for (let t = Y_TENTHS_MIN; t <= Y_TENTHS_MAX; t++) Y_STR.push(String(t / 10));
const X_MID: string[] = [];
const X_EDGE: string[] = [];

function xMid(i: number): string {
  while (X_MID.length <= i) X_MID.push(String(X_MID.length + 0.5));
  return X_MID[i];
}

function xEdge(i: number): string {
  while (X_EDGE.length <= i) X_EDGE.push(String(X_EDGE.length));
  return X_EDGE[i];
}

/** y in tenths of a pixel (clamped to the table). */
function yTenths(y: number): number {
  const t = Math.round(y * 10);
  return t < Y_TENTHS_MIN ? Y_TENTHS_MIN : t > Y_TENTHS_MAX ? Y_TENTHS_MAX : t;
}

function yStr(tenths: number): string {
  return Y_STR[tenths - Y_TENTHS_MIN];
}

/**
 * A polyline through the known pixels (x = i + 0.5), broken at unknown ones; flat runs collapse
 * to their ends. `join` continues an open path (L instead of the first M).
 */
function linePath(v: Float32Array, y0: number, k: number, from = 0, to = v.length, join = false): string {
  let d = '';
  let pen = false;
  let lastY = 0;
  let pend = -1;
  for (let i = from; i < to; i++) {
    const val = v[i];
    if (val !== val) {
      if (pend >= 0) d += 'L' + xMid(pend) + ',' + yStr(lastY);
      pend = -1;
      pen = false;
      continue;
    }
    const y = yTenths(y0 - val * k);
    if (pen && y === lastY) {
      pend = i;
      continue;
    }
    if (pend >= 0) d += 'L' + xMid(pend) + ',' + yStr(lastY);
    pend = -1;
    d += (pen || join ? 'L' : 'M') + xMid(i) + ',' + yStr(y);
    lastY = y;
    pen = true;
  }
  if (pend >= 0) d += 'L' + xMid(pend) + ',' + yStr(lastY);
  return d;
}

/** The area between the known values and the baseline y0. */
function areaPath(v: Float32Array, y0: number, k: number): string {
  let d = '';
  let i = 0;
  const n = v.length;
  const base = yStr(yTenths(y0));
  while (i < n) {
    if (v[i] !== v[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && v[j] === v[j]) j++;
    d += 'M' + xEdge(i) + ',' + base + linePath(v, y0, k, i, j, true) + 'L' + xEdge(j) + ',' + base + 'Z';
    i = j;
  }
  return d;
}

/** The band between per-pixel min and max (each run: along max, back along min), where they differ. */
function bandPath(lo: Float32Array, hi: Float32Array, y0: number, k: number): string {
  let d = '';
  let i = 0;
  const n = hi.length;
  while (i < n) {
    // Runs of pixels whose band has some height.
    if (!(hi[i] - lo[i] > 0)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && hi[j] - lo[j] > 0) j++;
    d += 'M' + xEdge(i) + ',' + yStr(yTenths(y0 - hi[i] * k));
    for (let p = i; p < j; p++) d += 'L' + xMid(p) + ',' + yStr(yTenths(y0 - hi[p] * k));
    d += 'L' + xEdge(j) + ',' + yStr(yTenths(y0 - hi[j - 1] * k));
    d += 'L' + xEdge(j) + ',' + yStr(yTenths(y0 - lo[j - 1] * k));
    for (let p = j - 1; p >= i; p--) d += 'L' + xMid(p) + ',' + yStr(yTenths(y0 - lo[p] * k));
    d += 'L' + xEdge(i) + ',' + yStr(yTenths(y0 - lo[i] * k)) + 'Z';
    i = j;
  }
  return d;
}

// ——— time axis ———

interface Tick {
  timeMs: number;
  label: string;
  major: boolean;
}

const TICK_STEPS_MS = [
  1_000, 5_000, 15_000, 30_000, 60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000,
  21_600_000, 43_200_000, DAY_MS, 2 * DAY_MS, 3 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS,
];

function timeTicks(t0: number, t1: number, px: number): Tick[] {
  const target = Math.max(2, Math.floor(px / 95));
  const step = TICK_STEPS_MS.find((s) => (t1 - t0) / s <= target) ?? 30 * DAY_MS;
  const ticks: Tick[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1 && ticks.length < 200; t += step) {
    const major = t % DAY_MS === 0;
    const label = step >= DAY_MS || major ? `day ${Math.floor(t / DAY_MS) + 1}` : timeOfDay(t, step < 60_000);
    ticks.push({ timeMs: t, label, major });
  }
  return ticks;
}

function timeOfDay(t: number, seconds: boolean): string {
  const s = Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}`;
  return seconds ? `${hm}:${pad(s % 60)}` : hm;
}

/** Simulated time as "day 3 02:17" (day 1 is the run's first day). */
function formatClock(t: number, seconds = false): string {
  return `day ${Math.floor(t / DAY_MS) + 1} ${timeOfDay(t, seconds)}`;
}

// ——— number formats ———

function fmtOr(v: number, f: (v: number) => string): string {
  return v === v ? f(v) : MISSING;
}

const NICE_DURATIONS_MS = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_200_000, 1_800_000, 2_700_000, 3_600_000, 7_200_000, 10_800_000,
  21_600_000, 43_200_000, DAY_MS, 2 * DAY_MS, 4 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS, 30 * DAY_MS,
];

function niceDurationCeil(ms: number): number {
  return NICE_DURATIONS_MS.find((n) => n >= ms) ?? niceCeil(ms);
}

function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// ——— DOM helpers ———

function html<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  return el;
}

function setAttr(el: Element, name: string, value: string | number): void {
  const v = String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

function setStyle(el: HTMLElement, name: 'height' | 'visibility', value: string): void {
  if (el.style[name] !== value) el.style[name] = value;
}

function listOf<V>(map: Map<string, V[]>, key: string): V[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function findLast<T>(list: T[], pred: (t: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return list[i];
  return undefined;
}

const INLINE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'letter-spacing',
  'paint-order', 'shape-rendering',
];

/** Copies the computed presentation of `from`'s elements onto `to` (a clone), so it renders alone. */
function inlineStyles(from: Element, to: Element): void {
  const src = from.querySelectorAll('*');
  const dst = to.querySelectorAll('*');
  const drop: Element[] = [];
  for (let i = 0; i < src.length && i < dst.length; i++) {
    const cs = getComputedStyle(src[i]);
    if (cs.display === 'none' || src[i].getAttribute('display') === 'none') {
      drop.push(dst[i]);
      continue;
    }
    if (src[i].tagName === 'clipPath' || src[i].closest('defs')) continue;
    let style = '';
    for (const p of INLINE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) style += `${p}:${v};`;
    }
    dst[i].setAttribute('style', style);
  }
  for (const d of drop) d.remove();
}
