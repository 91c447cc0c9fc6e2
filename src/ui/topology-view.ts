// The topology view: the sites or regions side by side with their VMs, disks, cache and target
// resources, VMM servers and Hyper-V hosts, the vault and the links between them, drawn with D3.
import * as d3 from 'd3';
import css from './topology.css?raw';
import { formatBitRate, formatDurationShort, formatRate, formatSize } from '../units';
import type { LinkView, ReplicationView, SessionState, SiteView, VmView } from '../session/session-types';
import { setText, SVG_NS, svgEl } from './element';

export type TopologySelection = {
  kind: 'vm' | 'disk' | 'site' | 'link' | 'vault' | 'vmm' | 'host' | 'cache' | 'resource';
  id: string;
} | null;

/** Full cards, one-line cards, or tiles (many VMs). */
type Mode = 'full' | 'small' | 'tile';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PanelLayout extends Box {
  id: string;
  kind: SiteView['kind'];
  mode: Mode;
  count: number;
}

interface Slot extends Box {
  mode: Mode;
  site: string;
}

interface HostLayout extends Box {
  id: string;
  site: string;
  label: string;
}

interface InfraLayout extends Box {
  /** Selection kind and id (cache: replication id; resource: `replication/field`; vmm: site id). */
  kind: 'cache' | 'resource' | 'vmm';
  id: string;
  site: string;
  caption: string;
  label: string;
  glyph: string;
}

interface LinkLayout {
  id: string;
  d: string;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  labelX: number;
  labelY: number;
}

interface Layout {
  key: string;
  /** The key without the width: equal keys mean a resize only (no glide). */
  shapeKey: string;
  width: number;
  height: number;
  panels: PanelLayout[];
  slots: Map<string, Slot>;
  hosts: HostLayout[];
  infra: InfraLayout[];
  links: Map<string, LinkLayout>;
  vault: Box;
  /** Control-plane paths from the vault to each panel. */
  control: { id: string; d: string }[];
  captions: { id: string; x: number; y: number; text: string }[];
}

interface Card {
  g: SVGGElement;
  shape: string;
  mode: Mode;
  vm: VmView | null;
  slot: Slot | null;
  cls: string;
  body?: SVGGElement;
  name?: SVGTextElement;
  alert?: SVGCircleElement;
  badge?: SVGRectElement;
  badgeText?: SVGTextElement;
  rpo?: SVGTextElement;
  note?: SVGTextElement;
  /** Characters the note has room for. */
  noteChars: number;
  title: SVGTitleElement;
}

const MARGIN = 16;
const PANEL_TOP = 74;
const LEGEND_H = 30;
const HEADER_H = 46;
const PAD = 12;
const CARD_H = 64;
const CARD_GAP = 8;
const CARD_MIN_W = 168;
const CARD_MAX_W = 220;
const SMALL_H = 26;
const SMALL_GAP = 6;
const SMALL_MIN_W = 118;
const FULL_MAX = 24;
const CHIP_H = 34;
const CHIP_GAP = 8;
const CAPTION_H = 18;
const LINK_GAP = 176;
const PLAIN_GAP = 28;
const HEIGHTS_PX = [380, 420, 460];
const LOOP_DIP_PX = 34;
const MOVE_MS = 400;

/** Glyphs in a 12×12 box, stroked. */
const GLYPH = {
  globe: 'M6 1a5 5 0 1 0 0.01 0ZM1 6h10M6 1c-2.6 2.8-2.6 7.2 0 10M6 1c2.6 2.8 2.6 7.2 0 10',
  server: 'M1.5 1.5h9v4h-9ZM1.5 6.5h9v4h-9ZM3.5 3.5h.5M3.5 8.5h.5',
  storage: 'M1.5 3a4.5 1.8 0 1 0 9 0a4.5 1.8 0 1 0-9 0v6a4.5 1.8 0 0 0 9 0V3',
  group: 'M4 1.5H1.5v9H4M8 1.5h2.5v9H8',
  vnet: 'M4 2.5L1 6l3 3.5M8 2.5L11 6 8 9.5M5.5 6h1',
  avset: 'M1.5 4.5h6v6h-6ZM4.5 4.5v-3h6v6h-3',
  disks: 'M2 2.5a4 1.5 0 1 0 8 0a4 1.5 0 1 0-8 0v7a4 1.5 0 0 0 8 0v-7M2 6a4 1.5 0 0 0 8 0',
  shield: 'M6 .8 10.8 2.6v3.3c0 2.9-2 4.8-4.8 5.5C3.2 10.7 1.2 8.8 1.2 5.9V2.6Z',
} as const;

let instances = 0;

export class TopologyView {
  readonly svg: SVGSVGElement;
  private readonly root: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly layer: Record<'control' | 'panels' | 'hosts' | 'infra' | 'captions' | 'vms' | 'overlays' | 'links' | 'vault' | 'legend', d3.Selection<SVGGElement, unknown, null, undefined>>;
  private readonly empty: d3.Selection<SVGTextElement, unknown, null, undefined>;
  private readonly hatch: string;
  private readonly cards = new Map<string, Card>();
  private readonly linkColour: (u: number) => string;
  private readonly observer: ResizeObserver;
  private width: number;
  private layout: Layout | null = null;
  private state: SessionState | null = null;
  private playing = false;
  private selection: TopologySelection = null;
  private selectionDirty = true;
  private selected: Element[] = [];
  private keyInputs: { vms: VmView[]; sites: SiteView[]; replications: ReplicationView[]; links: LinkView[]; width: number } | null = null;
  private lastSites: SiteView[] | null = null;
  private lastLinks: LinkView[] | null = null;
  private lastReplications: ReplicationView[] | null = null;
  private lastVaultUp: boolean | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (selection: TopologySelection) => void,
  ) {
    instances += 1;
    this.hatch = `topo-hatch-${instances}`;
    this.width = Math.max(480, Math.round(container.clientWidth || 960));
    this.root = d3
      .select(container)
      .append('svg')
      .attr('xmlns', SVG_NS)
      .attr('class', 'topology')
      .attr('data-testid', 'topology')
      .attr('role', 'img')
      .attr('aria-label', 'Replication topology');
    this.svg = this.root.node()!;
    this.root.append('style').text(css);
    const defs = this.root.append('defs');
    const pattern = defs
      .append('pattern')
      .attr('id', this.hatch)
      .attr('width', 8)
      .attr('height', 8)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('patternTransform', 'rotate(45)');
    pattern.append('rect').attr('class', 'hatch-bg').attr('width', 8).attr('height', 8);
    pattern.append('line').attr('class', 'hatch-line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 8);
    const gradient = defs.append('linearGradient').attr('id', `${this.hatch}-util`);
    this.root.append('rect').attr('class', 'backdrop').attr('width', '100%').attr('height', '100%');
    const names = ['control', 'panels', 'hosts', 'infra', 'captions', 'vms', 'overlays', 'links', 'vault', 'legend'] as const;
    const layer = {} as TopologyView['layer'];
    for (const name of names) layer[name] = this.root.append('g').attr('class', `layer-${name}`);
    this.layer = layer;
    this.empty = this.root.append('text').attr('class', 'empty').attr('text-anchor', 'middle').text('Load a scenario to see its topology');

    const token = (name: string, fallback: string) => getComputedStyle(container).getPropertyValue(name).trim() || fallback;
    const colours = [token('--normal', '#16a34a'), token('--warning', '#d97706'), token('--critical', '#dc2626')];
    for (const [offset, colour] of [[0, colours[0]], [0.6, colours[1]], [1, colours[2]]] as const) {
      gradient.append('stop').attr('offset', offset).attr('stop-color', colour);
    }
    const scale = d3.scaleLinear<string>().domain([0, 0.6, 0.95]).range(colours).interpolate(d3.interpolateRgb).clamp(true);
    this.linkColour = (u) => scale(u);
    this.drawLegend();

    this.svg.addEventListener('click', (event) => {
      const target = (event.target as Element).closest('[data-kind]');
      const selection: TopologySelection = target
        ? { kind: target.getAttribute('data-kind') as NonNullable<TopologySelection>['kind'], id: target.getAttribute('data-id') ?? '' }
        : null;
      this.setSelection(selection);
      this.onSelect(selection);
    });
    this.observer = new ResizeObserver(() => {
      const width = Math.max(480, Math.round(this.container.clientWidth));
      if (width === this.width || width === 0) return;
      this.width = width;
      if (this.state) this.render(this.state, this.playing);
    });
    this.observer.observe(container);
    this.sizeSvg(this.width, HEIGHTS_PX[0]);
  }

  /** Draws the state; cheap enough for 30 calls per second. */
  render(state: SessionState, playing: boolean): void {
    this.state = state;
    if (playing !== this.playing || !this.svg.classList.contains('ready')) {
      this.playing = playing;
      this.svg.classList.toggle('playing', playing);
      this.svg.classList.add('ready');
    }
    const hasSites = state.sites.length > 0;
    this.empty.style('display', hasSites ? 'none' : 'inline');
    if (!hasSites) {
      this.clear();
      return;
    }
    const inputs = this.keyInputs;
    const vmsChanged = !inputs || inputs.vms !== state.vms;
    const changedInputs =
      !inputs ||
      inputs.vms !== state.vms ||
      inputs.sites !== state.sites ||
      inputs.replications !== state.replications ||
      inputs.links !== state.links ||
      inputs.width !== this.width;
    let relaid = false;
    if (changedInputs) {
      this.keyInputs = { vms: state.vms, sites: state.sites, replications: state.replications, links: state.links, width: this.width };
      const shapeKey = layoutKey(state);
      const key = `${this.width}|${shapeKey}`;
      if (!this.layout || this.layout.key !== key) {
        const resizeOnly = this.layout !== null && this.layout.shapeKey === shapeKey;
        this.layout = computeLayout(state, this.width, shapeKey);
        this.drawStatic(this.layout);
        this.joinCards(state, this.layout, resizeOnly);
        relaid = true;
      }
    }
    if (relaid || vmsChanged || state.sites !== this.lastSites) this.updatePanels(state);
    if (relaid || state.vaultUp !== this.lastVaultUp) this.updateVault(state);
    if (relaid || state.links !== this.lastLinks) this.updateLinks(state);
    if (relaid || state.replications !== this.lastReplications || state.sites !== this.lastSites) this.updateInfra(state);
    this.updateCards(state, relaid);
    this.lastSites = state.sites;
    this.lastLinks = state.links;
    this.lastReplications = state.replications;
    this.lastVaultUp = state.vaultUp;
    if (this.selectionDirty) this.applySelection();
  }

  /** Highlights a selection made elsewhere (e.g. from the inspector). */
  setSelection(selection: TopologySelection): void {
    if (selection?.kind === this.selection?.kind && selection?.id === this.selection?.id) return;
    this.selection = selection;
    this.applySelection();
  }

  /** Stops watching the container's size (the view can then be dropped). */
  dispose(): void {
    this.observer.disconnect();
    this.svg.remove();
  }

  private sizeSvg(width: number, height: number): void {
    this.root.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
    this.empty.attr('x', width / 2).attr('y', height / 2);
    this.layer.legend.attr('transform', `translate(${MARGIN},${height - LEGEND_H + 12})`);
  }

  private clear(): void {
    this.layout = null;
    this.keyInputs = null;
    for (const layer of Object.values(this.layer)) if (layer !== this.layer.legend) layer.selectAll('*').remove();
    this.cards.clear();
    this.layer.legend.style('display', 'none');
  }

  private applySelection(): void {
    this.selectionDirty = false;
    for (const el of this.selected) el.removeAttribute('data-selected');
    this.selected = [];
    const s = this.selection;
    if (!s) return;
    const query = `[data-kind="${s.kind}"][data-id="${CSS.escape(s.id)}"]`;
    for (const el of this.svg.querySelectorAll(query)) {
      el.setAttribute('data-selected', '');
      this.selected.push(el);
    }
  }

  // ——— static parts: redrawn when the layout changes ———

  private drawStatic(layout: Layout): void {
    this.sizeSvg(layout.width, layout.height);
    this.layer.legend.style('display', null);
    this.selectionDirty = true;

    this.layer.panels
      .selectAll<SVGGElement, PanelLayout>('g.panel')
      .data(layout.panels, (p) => p.id)
      .join((enter) => {
        const g = enter.append('g').attr('data-kind', 'site');
        g.append('rect').attr('class', 'frame').attr('rx', 10);
        g.append('rect').attr('class', 'header-bg').attr('rx', 10);
        g.append('line').attr('class', 'header-rule');
        const icon = g.append('g').attr('class', 'site-icon').attr('transform', `translate(${PAD},${PAD})`);
        icon.append('rect').attr('width', 24).attr('height', 24).attr('rx', 6);
        icon.append('path').attr('transform', 'translate(6,6)');
        g.append('text').attr('class', 'site-name').attr('x', PAD + 32).attr('y', PAD + 10);
        g.append('text').attr('class', 'site-kind').attr('x', PAD + 32).attr('y', PAD + 24);
        g.append('text').attr('class', 'site-summary').attr('text-anchor', 'end');
        const badge = g.append('g').attr('class', 'down-badge');
        badge.append('rect').attr('height', 20).attr('rx', 10);
        badge.append('text').attr('y', 14);
        return g;
      })
      .attr('class', (p) => `panel ${p.kind === 'azure-region' ? 'azure' : 'vmm'}`)
      .attr('data-site-panel', (p) => p.id)
      .attr('data-id', (p) => p.id)
      .attr('transform', (p) => `translate(${p.x},${p.y})`)
      .each(function (p) {
        const g = d3.select(this);
        g.select('rect.frame').attr('width', p.w).attr('height', p.h);
        g.select('rect.header-bg').attr('width', p.w).attr('height', HEADER_H);
        g.select('line.header-rule').attr('x1', 0).attr('x2', p.w).attr('y1', HEADER_H).attr('y2', HEADER_H);
        g.select('.site-icon path').attr('d', p.kind === 'azure-region' ? GLYPH.globe : GLYPH.server);
        g.select('text.site-name').text(fit(p.id, p.w - 200, 7.6));
        g.select('text.site-kind').text(p.kind === 'azure-region' ? 'Azure region' : 'VMM site · Hyper-V');
        g.select('text.site-summary').attr('x', p.w - PAD).attr('y', PAD + 17);
        const label = p.kind === 'azure-region' ? 'REGION DOWN' : 'SITE DOWN';
        const w = label.length * 7 + 20;
        const badge = g.select('g.down-badge').attr('transform', `translate(${p.w - PAD - w},${PAD + 2})`);
        badge.select('rect').attr('width', w);
        badge.select('text').attr('x', w / 2).text(label);
      });

    this.layer.overlays
      .selectAll<SVGRectElement, PanelLayout>('rect.outage')
      .data(layout.panels, (p) => p.id)
      .join('rect')
      .attr('class', 'outage')
      .attr('rx', 10)
      .attr('fill', `url(#${this.hatch})`)
      .attr('x', (p) => p.x)
      .attr('y', (p) => p.y + HEADER_H)
      .attr('width', (p) => p.w)
      .attr('height', (p) => p.h - HEADER_H);

    this.layer.hosts
      .selectAll<SVGGElement, HostLayout>('g.host')
      .data(layout.hosts, (h) => h.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'host').attr('data-kind', 'host');
        g.append('rect').attr('class', 'frame').attr('rx', 7);
        g.append('path').attr('class', 'glyph').attr('d', GLYPH.server).attr('transform', 'translate(8,5)');
        g.append('text').attr('class', 'host-name').attr('x', 25).attr('y', 15);
        g.append('text').attr('class', 'host-count').attr('text-anchor', 'end').attr('y', 15);
        return g;
      })
      .attr('data-id', (h) => h.id)
      .attr('transform', (h) => `translate(${h.x},${h.y})`)
      .each(function (h) {
        const g = d3.select(this);
        g.select('rect.frame').attr('width', h.w).attr('height', h.h);
        g.select('text.host-name').text(h.label.length * 7 > h.w - 80 ? h.label.replace('Hyper-V host', 'Host') : h.label);
        g.select('text.host-count').attr('x', h.w - 8);
      });

    this.layer.infra
      .selectAll<SVGGElement, InfraLayout>('g.chip')
      .data(layout.infra, (c) => `${c.kind}:${c.id}`)
      .join((enter) => {
        const g = enter.append('g');
        g.append('rect').attr('class', 'frame').attr('rx', 7).attr('height', CHIP_H);
        const icon = g.append('g').attr('class', 'chip-icon').attr('transform', 'translate(7,8)');
        icon.append('rect').attr('width', 18).attr('height', 18).attr('rx', 5);
        icon.append('path').attr('transform', 'translate(3,3)');
        g.append('text').attr('class', 'chip-caption').attr('x', 32).attr('y', 14);
        g.append('text').attr('class', 'chip-label').attr('x', 32).attr('y', 27);
        g.append('rect').attr('class', 'bar-bg').attr('rx', 2).attr('height', 4);
        g.append('rect').attr('class', 'bar').attr('rx', 2).attr('height', 4);
        g.append('text').attr('class', 'chip-value').attr('text-anchor', 'end').attr('y', 14);
        g.append('rect').attr('class', 'chip-hatch').attr('rx', 7).attr('height', CHIP_H).attr('fill', `url(#${this.hatch})`);
        g.append('title');
        return g;
      })
      .attr('class', (c) => `chip chip-${c.kind}`)
      .attr('data-kind', (c) => c.kind)
      .attr('data-id', (c) => c.id)
      .attr('transform', (c) => `translate(${c.x},${c.y})`)
      .each(function (c) {
        const g = d3.select(this);
        g.select('rect.frame').attr('width', c.w);
        g.select('rect.chip-hatch').attr('width', c.w);
        g.select('.chip-icon path').attr('d', c.glyph);
        g.select('text.chip-caption').text(c.caption);
        g.select('text.chip-label').text(fit(c.label, c.w - 40 - (c.kind === 'cache' ? 92 : 0), 6.6));
        g.select('text.chip-value').attr('x', c.w - 8);
        g.selectAll('rect.bar-bg, rect.bar').attr('x', c.w - 78).attr('y', 23);
        g.select('rect.bar-bg').attr('width', 70);
        g.select('title').text(`${c.caption}: ${c.label}`);
      });

    this.layer.captions
      .selectAll<SVGTextElement, Layout['captions'][number]>('text.caption')
      .data(layout.captions, (c) => c.id)
      .join('text')
      .attr('class', 'caption')
      .attr('x', (c) => c.x)
      .attr('y', (c) => c.y)
      .text((c) => c.text);

    this.layer.control
      .selectAll<SVGPathElement, Layout['control'][number]>('path.control')
      .data(layout.control, (c) => c.id)
      .join('path')
      .attr('class', 'control')
      .attr('d', (c) => c.d);

    const vault = this.layer.vault.selectAll<SVGGElement, Box>('g.vault').data([layout.vault]).join((enter) => {
      const g = enter.append('g').attr('class', 'vault').attr('data-kind', 'vault').attr('data-id', 'vault');
      g.append('rect').attr('class', 'frame').attr('rx', 21);
      const icon = g.append('g').attr('class', 'vault-icon').attr('transform', 'translate(9,9)');
      icon.append('circle').attr('cx', 12).attr('cy', 12).attr('r', 12);
      icon.append('path').attr('d', GLYPH.shield).attr('transform', 'translate(6,6)');
      g.append('text').attr('class', 'vault-name').attr('x', 42).attr('y', 19).text('Recovery Services vault');
      g.append('text').attr('class', 'vault-status').attr('x', 42).attr('y', 33);
      g.append('rect').attr('class', 'vault-hatch').attr('rx', 21).attr('fill', `url(#${this.hatch})`);
      return g;
    });
    vault.attr('transform', (v) => `translate(${v.x},${v.y})`);
    vault.selectAll('rect.frame, rect.vault-hatch').attr('width', layout.vault.w).attr('height', layout.vault.h);

    this.layer.links
      .selectAll<SVGGElement, LinkLayout>('g.link')
      .data([...layout.links.values()], (l) => l.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'link').attr('data-kind', 'link');
        g.append('path').attr('class', 'hit');
        g.append('path').attr('class', 'line');
        g.append('path').attr('class', 'flow');
        g.append('circle').attr('class', 'port port-a').attr('r', 4);
        g.append('circle').attr('class', 'port port-b').attr('r', 4);
        const label = g.append('g').attr('class', 'link-label');
        label.append('rect').attr('class', 'label-bg').attr('rx', 6).attr('height', 34);
        label.append('text').attr('class', 'link-name').attr('y', 14);
        label.append('text').attr('class', 'link-rate').attr('y', 27);
        g.append('title');
        return g;
      })
      .attr('data-id', (l) => l.id)
      .each(function (l) {
        const g = d3.select(this);
        g.selectAll('path').attr('d', l.d);
        g.select('circle.port-a').attr('cx', l.ax).attr('cy', l.ay);
        g.select('circle.port-b').attr('cx', l.bx).attr('cy', l.by);
        g.select('g.link-label').attr('transform', `translate(${l.labelX},${l.labelY})`);
      });
  }

  private drawLegend(): void {
    const g = this.layer.legend;
    let x = 0;
    const item = (cls: string, text: string) => {
      const e = g.append('g').attr('class', `legend-item ${cls}`).attr('transform', `translate(${x},0)`);
      e.append('rect').attr('class', 'swatch').attr('y', -8).attr('width', 10).attr('height', 10).attr('rx', 2.5);
      e.append('text').attr('x', 15).text(text);
      x += 22 + text.length * 6.1;
      return e;
    };
    item('h-normal', 'Healthy');
    item('h-warning', 'Warning');
    item('h-critical', 'Critical');
    item('h-unprotected', 'Unprotected');
    x += 10;
    const util = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},0)`);
    util.append('text').text('Link load');
    util.append('text').attr('class', 'legend-tick').attr('x', 58).text('0%');
    util.append('rect').attr('x', 78).attr('y', -7).attr('width', 64).attr('height', 8).attr('rx', 4).attr('fill', `url(#${this.hatch}-util)`);
    util.append('text').attr('class', 'legend-tick').attr('x', 147).text('100%');
    x += 190;
    const down = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},0)`);
    down.append('line').attr('class', 'legend-down').attr('x1', 0).attr('x2', 24).attr('y1', -3).attr('y2', -3);
    down.append('text').attr('x', 30).text('Link down');
    x += 96;
    const outage = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},0)`);
    outage.append('rect').attr('class', 'legend-outage').attr('y', -8).attr('width', 14).attr('height', 10).attr('rx', 2.5).attr('fill', `url(#${this.hatch})`);
    outage.append('text').attr('x', 19).text('Outage');
    x += 70;
    const stopped = g.append('g').attr('class', 'legend-item legend-stopped').attr('transform', `translate(${x},0)`);
    stopped.append('rect').attr('class', 'swatch').attr('y', -8).attr('width', 10).attr('height', 10).attr('rx', 2.5);
    stopped.append('text').attr('x', 15).text('VM stopped');
  }

  // ——— dynamic parts: updated every render, writing only what changed ———

  private updatePanels(state: SessionState): void {
    const sites = new Map(state.sites.map((s) => [s.id, s]));
    const counts = new Map<string, { all: number; warning: number; critical: number; moved: number }>();
    const perHost = new Map<string, number>();
    for (const vm of state.vms) {
      let c = counts.get(vm.site);
      if (!c) counts.set(vm.site, (c = { all: 0, warning: 0, critical: 0, moved: 0 }));
      c.all += 1;
      if (vm.state !== 'unprotected' && vm.health === 'warning') c.warning += 1;
      if (vm.state !== 'unprotected' && vm.health === 'critical') c.critical += 1;
      if (vm.site !== vm.homeSite) c.moved += 1;
      const hostId = hostIdOf(vm, sites.get(vm.site));
      perHost.set(hostId, (perHost.get(hostId) ?? 0) + 1);
    }
    this.layer.panels.selectAll<SVGGElement, PanelLayout>('g.panel').each(function (p) {
      const site = sites.get(p.id);
      const down = site ? !site.up : false;
      this.classList.toggle('down', down);
      const c = counts.get(p.id);
      const parts = [c ? plural(c.all, 'VM') : 'no VMs'];
      if (c?.critical) parts.push(`${c.critical} critical`);
      if (c?.warning) parts.push(`${c.warning} warning`);
      setText(this.querySelector('text.site-summary')!, down ? '' : parts.join(' · '));
    });
    this.layer.overlays.selectAll<SVGRectElement, PanelLayout>('rect.outage').each(function (p) {
      this.classList.toggle('on', !(sites.get(p.id)?.up ?? true));
    });
    this.layer.hosts.selectAll<SVGGElement, HostLayout>('g.host').each(function (h) {
      setText(this.querySelector('text.host-count')!, plural(perHost.get(h.id) ?? 0, 'VM'));
    });
  }

  private updateVault(state: SessionState): void {
    const g = this.layer.vault.select<SVGGElement>('g.vault');
    g.classed('down', !state.vaultUp);
    const n = state.replications.length;
    g.select('text.vault-status').text(state.vaultUp ? `Healthy · ${plural(n, 'replication')}` : 'VAULT DOWN · unreachable');
    this.layer.control.selectAll('path.control').classed('down', !state.vaultUp);
  }

  private updateLinks(state: SessionState): void {
    const links = new Map(state.links.map((l) => [l.id, l]));
    const colour = this.linkColour;
    this.layer.links.selectAll<SVGGElement, LinkLayout>('g.link').each(function (geom) {
      const link = links.get(geom.id);
      if (!link) return;
      const throughput = link.forwardBytesPerS + link.backwardBytesPerS;
      const share = link.bandwidthBytesPerS > 0 ? Math.min(1, throughput / link.bandwidthBytesPerS) : 0;
      const width = 2 + 12 * share;
      const stroke = link.up ? colour(link.utilisation) : '';
      const g = d3.select(this);
      this.classList.toggle('down', !link.up);
      this.classList.toggle('saturated', link.up && link.saturated);
      const flowing = link.up && throughput > 0;
      this.classList.toggle('idle', !flowing);
      const line = this.querySelector<SVGPathElement>('path.line')!;
      line.style.stroke = stroke;
      line.style.strokeWidth = link.up ? `${width}px` : '';
      const flow = this.querySelector<SVGPathElement>('path.flow')!;
      flow.style.strokeWidth = `${Math.max(1.2, Math.min(3, width * 0.3))}px`;
      flow.classList.toggle('rev', link.backwardBytesPerS > link.forwardBytesPerS);
      for (const port of this.querySelectorAll<SVGCircleElement>('circle.port')) port.style.fill = stroke;

      const name = link.implicit ? 'Azure backbone' : link.id;
      const degraded = link.up && link.capacityBytesPerS < link.bandwidthBytesPerS;
      const status = !link.up ? ' · down' : link.saturated ? ' · saturated' : degraded ? ' · degraded' : '';
      const rate = link.up ? `${formatBitRate(throughput)} / ${formatBitRate(link.bandwidthBytesPerS)} · ${Math.round(link.utilisation * 100)}%` : `0 / ${formatBitRate(link.bandwidthBytesPerS)}`;
      const nameEl = this.querySelector<SVGTextElement>('text.link-name')!;
      const rateEl = this.querySelector<SVGTextElement>('text.link-rate')!;
      setText(nameEl, name + status);
      setText(rateEl, rate);
      const labelW = Math.max(name.length + status.length, rate.length) * 6.1 + 18;
      g.select('rect.label-bg').attr('x', -labelW / 2).attr('width', labelW);
      g.selectAll('text.link-name, text.link-rate').attr('x', 0);
      const [a, b] = link.between;
      const capacity = degraded ? `, capacity now ${formatBitRate(link.capacityBytesPerS)}` : '';
      setText(
        this.querySelector('title')!,
        `${name}: ${a} → ${b} ${formatBitRate(link.forwardBytesPerS)}, ${b} → ${a} ${formatBitRate(link.backwardBytesPerS)} of ${formatBitRate(link.bandwidthBytesPerS)}${capacity}`,
      );
    });
  }

  private updateInfra(state: SessionState): void {
    const replications = new Map(state.replications.map((r) => [r.id, r]));
    const sites = new Map(state.sites.map((s) => [s.id, s]));
    this.layer.infra.selectAll<SVGGElement, InfraLayout>('g.chip').each(function (c) {
      if (c.kind === 'cache') {
        const { replicationId, reverse } = cacheOwner(c.id);
        const r = replications.get(replicationId);
        const used = (reverse ? r?.reverseCache?.bytesPerS : r?.cacheBytesPerS) ?? 0;
        const limit = r?.cacheLimitBytesPerS ?? 0;
        const share = limit > 0 ? Math.min(1, used / limit) : 0;
        const bar = this.querySelector<SVGRectElement>('rect.bar')!;
        bar.setAttribute('width', String(Math.max(share > 0 ? 2 : 0, 70 * share)));
        bar.setAttribute('class', `bar ${share >= 0.95 ? 'hot' : share >= 0.6 ? 'warm' : ''}`);
        // The rate alone fits beside the caption; the bar shows its share of the limit.
        setText(this.querySelector('text.chip-value')!, formatRate(used));
        setText(this.querySelector('title')!, `Cache storage account ${c.label}: ${formatRate(used)} of ${formatRate(limit)}`);
        const down = !(sites.get(c.site)?.up ?? true);
        this.classList.toggle('down', down);
      } else if (c.kind === 'vmm') {
        const site = sites.get(c.site);
        const down = !(site?.vmmUp ?? true) || !(site?.up ?? true);
        this.classList.toggle('down', down);
        setText(this.querySelector('text.chip-value')!, down ? '● down' : '● online');
      } else {
        this.classList.toggle('down', !(sites.get(c.site)?.up ?? true));
      }
    });
  }

  private joinCards(state: SessionState, layout: Layout, resizeOnly: boolean): void {
    const cards = this.cards;
    this.layer.vms
      .selectAll<SVGGElement, VmView>('g.vm')
      .data(
        state.vms.filter((vm) => layout.slots.has(vm.id)),
        (vm) => vm.id,
      )
      .join(
        (enter) =>
          enter
            .append('g')
            .attr('data-kind', 'vm')
            .attr('data-id', (vm) => vm.id)
            .attr('data-vm', (vm) => vm.id)
            .style('opacity', 0)
            .call((g) => g.transition('fade').duration(250).style('opacity', 1)),
        (update) => update,
        (exit) =>
          exit.each(function (vm) {
            cards.delete(vm.id);
            d3.select(this).remove();
          }),
      )
      .each(function (vm) {
        const slot = layout.slots.get(vm.id)!;
        let card = cards.get(vm.id);
        if (!card) {
          card = { g: this, shape: '', mode: slot.mode, vm: null, slot: null, cls: '', noteChars: 0, title: document.createElementNS(SVG_NS, 'title') };
          cards.set(vm.id, card);
        }
        const shape = `${slot.mode}:${Math.round(slot.w)}:${Math.round(slot.h)}`;
        if (shape !== card.shape) {
          buildCard(card, slot, vm);
          card.shape = shape;
          card.vm = null;
        }
        const transform = `translate(${slot.x},${slot.y})`;
        const sel = d3.select(this);
        const moved = card.slot !== null && (card.slot.x !== slot.x || card.slot.y !== slot.y);
        if (moved && !resizeOnly) {
          sel.transition('move').duration(MOVE_MS).ease(d3.easeCubicInOut).attr('transform', transform);
        } else {
          sel.interrupt('move').attr('transform', transform);
        }
        this.setAttribute('data-site', slot.site);
        card.slot = slot;
      });
  }

  private updateCards(state: SessionState, force: boolean): void {
    for (const vm of state.vms) {
      const card = this.cards.get(vm.id);
      if (!card || (!force && card.vm === vm)) continue;
      updateCard(card, vm);
      card.vm = vm;
    }
  }
}

// ——— VM cards ———

function buildCard(card: Card, slot: Slot, vm: VmView): void {
  const g = card.g;
  while (g.firstChild) g.removeChild(g.firstChild);
  card.cls = '';
  card.mode = slot.mode;
  g.appendChild(card.title);
  card.body = card.name = card.alert = card.badge = card.badgeText = card.rpo = card.note = undefined;
  if (slot.mode === 'tile') {
    const s = slot.w;
    svgEl('rect', { class: 'frame', width: s, height: s, rx: Math.min(3, s / 5) }, g);
    if (s >= 10) card.alert = svgEl('circle', { class: 'alert', cx: s - 2.5, cy: 2.5, r: Math.max(2, s / 7) }, g);
    svgEl('circle', { class: 'moved-dot', cx: s / 2, cy: s / 2, r: Math.max(1.2, s / 7) }, g);
    return;
  }
  const w = slot.w;
  const h = slot.h;
  const body = svgEl('g', { class: 'body' }, g);
  card.body = body;
  const r = slot.mode === 'small' ? 5 : 6;
  svgEl('rect', { class: 'frame', width: w, height: h, rx: r }, body);
  const edge = r - Math.sqrt(r * r - (r - 4) * (r - 4));
  svgEl('path', { class: 'stripe', d: `M4,${edge}A${r},${r} 0 0 0 0,${r}V${h - r}A${r},${r} 0 0 0 4,${h - edge}Z` }, body);
  if (slot.mode === 'small') {
    card.name = svgEl('text', { class: 'vm-name', x: 11, y: 17 }, body);
    card.name.textContent = fit(vm.id, w - 11 - 62, 7.2);
    card.rpo = svgEl('text', { class: 'rpo', x: w - 8, y: 17, 'text-anchor': 'end' }, body);
    card.alert = svgEl('circle', { class: 'alert', cx: w - 3, cy: 3, r: 4 }, body);
    return;
  }
  card.name = svgEl('text', { class: 'vm-name', x: 14, y: 18 }, body);
  card.name.textContent = fit(vm.id, w - 14 - 86, 7.2);
  card.rpo = svgEl('text', { class: 'rpo', x: w - 9, y: 18, 'text-anchor': 'end' }, body);
  const badge = svgEl('g', { class: 'badge', transform: 'translate(14,25)' }, body);
  card.badge = svgEl('rect', { height: 16, rx: 8 }, badge);
  card.badgeText = svgEl('text', { x: 7, y: 11.5 }, badge);
  card.alert = svgEl('circle', { class: 'alert', cx: w - 3, cy: 3, r: 4.5 }, body);
  card.note = svgEl('text', { class: 'note', x: w - 9, y: 56, 'text-anchor': 'end' }, body);
  const disks = svgEl('g', { class: 'disks', transform: 'translate(14,48)' }, body);
  const room = Math.max(1, Math.floor((w - 14 - 100) / 17));
  const shown = vm.disks.length > room ? room - 1 : vm.disks.length;
  const disksW = Math.min(vm.disks.length, room) * 17 + (shown < vm.disks.length ? 8 : 0);
  card.noteChars = Math.max(4, Math.floor((w - 14 - disksW - 16) / 6.2));
  vm.disks.slice(0, Math.max(0, shown)).forEach((disk, i) => {
    const chip = svgEl('rect', { class: `disk ${disk.type}`, x: i * 17, y: 0, width: 14, height: 9, rx: 2, 'data-kind': 'disk', 'data-id': disk.key }, disks);
    const title = svgEl('title', {}, chip);
    title.textContent = `${disk.key} · ${formatSize(disk.sizeBytes)} ${disk.type}`;
  });
  if (shown < vm.disks.length) {
    const more = svgEl('text', { class: 'more', x: Math.max(0, shown) * 17, y: 8 }, disks);
    more.textContent = `+${vm.disks.length - Math.max(0, shown)}`;
  }
}

const STATE_GROUP: Record<VmView['state'], string> = {
  unprotected: 'st-none',
  enabling: 'st-sync',
  'initial-replication': 'st-sync',
  protected: 'st-ok',
  resync: 'st-sync',
  'failing-over': 'st-fo',
  'failed-over': 'st-fo',
  committed: 'st-fo',
  reprotecting: 'st-sync',
};

function updateCard(card: Card, vm: VmView): void {
  const health = vm.state === 'unprotected' ? 'unprotected' : vm.health;
  const late = vm.rpoMs !== null && vm.rpoThresholdMs > 0 && vm.rpoMs > vm.rpoThresholdMs;
  const moved = vm.site !== vm.homeSite;
  const cls = [
    'vm',
    card.mode === 'tile' ? 'tile' : `card ${card.mode}`,
    `h-${health}`,
    STATE_GROUP[vm.state],
    vm.running ? '' : 'stopped',
    vm.alerts.length > 0 ? 'alerting' : '',
    late ? 'late' : '',
    moved ? 'moved' : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (cls !== card.cls) {
    card.g.setAttribute('class', cls);
    card.cls = cls;
  }
  const rpo = `RPO ${vm.rpoMs === null ? '—' : formatDurationShort(vm.rpoMs)}`;
  const lines = [`${vm.id} · ${vm.state} · ${health}`, `${rpo}${vm.rpoThresholdMs > 0 ? ` (threshold ${formatDurationShort(vm.rpoThresholdMs)})` : ''}`];
  lines.push(`${vm.running ? 'Running' : 'Stopped'} in ${vm.site}${vm.host > 0 ? `, host ${vm.host}` : ''}${moved ? ` (home ${vm.homeSite})` : ''}`);
  if (vm.throughputBytesPerS > 0 || vm.churnBytesPerS > 0) lines.push(`Churn ${formatRate(vm.churnBytesPerS)} · sending ${formatRate(vm.throughputBytesPerS)}`);
  if (vm.backlogBytes > 0) lines.push(`Backlog ${formatSize(vm.backlogBytes)}`);
  for (const alert of vm.alerts) lines.push(`⚠ ${alert}`);
  setText(card.title, lines.join('\n'));
  if (card.mode === 'tile') return;
  if (card.mode === 'small') {
    setText(card.rpo!, vm.rpoMs === null ? '—' : formatDurationShort(vm.rpoMs));
    return;
  }
  const label = vm.state;
  if (setText(card.badgeText!, label)) card.badge!.setAttribute('width', String(label.length * 6.2 + 14));
  setText(card.rpo!, rpo);
  const note = moved ? `↺ from ${vm.homeSite}` : vm.running ? '' : 'stopped';
  setText(card.note!, fit(note, card.noteChars, 1));
}

// ——— layout ———

function layoutKey(state: SessionState): string {
  const parts: string[] = [];
  for (const s of state.sites) parts.push(`${s.id}:${s.kind}:${s.hosts}`);
  parts.push('|');
  for (const l of state.links) parts.push(`${l.id}:${l.between[0]}:${l.between[1]}`);
  parts.push('|');
  for (const r of state.replications) {
    parts.push(`${r.id}:${r.type}:${r.from}:${r.to}:${r.resources ? `${r.resources.cacheStorageAccount}:${r.resources.resourceGroup}:${r.resources.vnet}:${r.resources.availabilitySet}:${r.resources.replicaDisks.length}:${r.reverseCache?.storageAccount ?? ''}` : ''}`);
  }
  parts.push('|');
  for (const vm of state.vms) parts.push(`${vm.id}@${vm.site}:${vm.host}:${vm.disks.length}`);
  return parts.join(',');
}

function hostIdOf(vm: VmView, site: SiteView | undefined): string {
  if (!site || site.kind !== 'vmm-site' || site.hosts <= 0) return `${vm.site}/-`;
  return vm.host >= 1 && vm.host <= site.hosts ? `${site.id}/${vm.host}` : `${site.id}/other`;
}

function computeLayout(state: SessionState, width: number, shapeKey: string): Layout {
  let best: Layout | null = null;
  for (const height of HEIGHTS_PX) {
    best = layoutAt(state, width, height, shapeKey);
    if (best.panels.every((p) => p.mode === 'full' || p.count > FULL_MAX)) break;
  }
  return best!;
}

function layoutAt(state: SessionState, width: number, heightBase: number, shapeKey: string): Layout {
  const sites = state.sites;
  const order = new Map(sites.map((s, i) => [s.id, i]));
  const linked = state.links.filter((l) => order.has(l.between[0]) && order.has(l.between[1]) && l.between[0] !== l.between[1]);
  const loops = linked.filter((l) => Math.abs(order.get(l.between[0])! - order.get(l.between[1])!) > 1);
  const gap = linked.length > 0 ? LINK_GAP : PLAIN_GAP;
  const height = heightBase + (loops.length > 0 ? LOOP_DIP_PX + 24 : 0);
  const n = sites.length;
  const panelW = Math.max(220, (width - 2 * MARGIN - (n - 1) * gap) / n);
  const panelH = heightBase - PANEL_TOP - LEGEND_H - 6;

  const bySite = new Map<string, VmView[]>();
  for (const vm of state.vms) {
    const list = bySite.get(vm.site);
    if (list) list.push(vm);
    else bySite.set(vm.site, [vm]);
  }
  for (const list of bySite.values()) list.sort((a, b) => a.index - b.index);

  const panels: PanelLayout[] = [];
  const slots = new Map<string, Slot>();
  const hosts: HostLayout[] = [];
  const infra: InfraLayout[] = [];
  const captions: Layout['captions'] = [];

  sites.forEach((site, i) => {
    const x = MARGIN + i * (panelW + gap);
    const panel: PanelLayout = { id: site.id, kind: site.kind, x, y: PANEL_TOP, w: panelW, h: panelH, mode: 'full', count: 0 };
    panels.push(panel);
    const vms = bySite.get(site.id) ?? [];
    panel.count = vms.length;

    // The infrastructure chips: cache accounts and target resources (regions), the VMM server.
    const chips: Omit<InfraLayout, 'x' | 'y'>[] = [];
    if (site.kind === 'vmm-site') {
      chips.push({ kind: 'vmm', id: site.id, site: site.id, caption: 'VMM server', label: site.id, glyph: GLYPH.server, w: 190, h: CHIP_H });
    }
    for (const r of state.replications) {
      if (r.type !== 'azure-to-azure' || !r.resources) continue;
      if (r.from === site.id) {
        chips.push({ kind: 'cache', id: r.id, site: site.id, caption: 'Cache storage account', label: r.resources.cacheStorageAccount, glyph: GLYPH.storage, w: 290, h: CHIP_H });
      }
      // After a reprotect, the reverse direction's cache account in the target region.
      if (r.to === site.id && r.reverseCache) {
        chips.push({ kind: 'cache', id: reverseCacheId(r.id), site: site.id, caption: 'Cache storage account', label: r.reverseCache.storageAccount, glyph: GLYPH.storage, w: 290, h: CHIP_H });
      }
      if (r.to === site.id) {
        const res = r.resources;
        const add = (field: string, caption: string, label: string, glyph: string) =>
          chips.push({ kind: 'resource', id: `${r.id}/${field}`, site: site.id, caption, label, glyph, w: chipWidth(caption, label), h: CHIP_H });
        add('resourceGroup', 'Resource group', res.resourceGroup, GLYPH.group);
        add('vnet', 'Virtual network', res.vnet, GLYPH.vnet);
        add('availabilitySet', 'Availability set', res.availabilitySet, GLYPH.avset);
        add('replicaDisks', 'Replica disks', `${plural(res.replicaDisks.length, 'managed disk')}`, GLYPH.disks);
      }
    }
    const innerX = x + PAD;
    const innerW = panelW - 2 * PAD;
    let cx = innerX;
    let cy = PANEL_TOP + HEADER_H + 10;
    let rowUsed = false;
    for (const chip of chips) {
      const w = Math.min(chip.w, innerW);
      if (rowUsed && cx + w > innerX + innerW) {
        cx = innerX;
        cy += CHIP_H + CHIP_GAP;
      }
      infra.push({ ...chip, x: cx, y: cy, w });
      cx += w + CHIP_GAP;
      rowUsed = true;
    }
    let top = chips.length > 0 ? cy + CHIP_H + 10 : PANEL_TOP + HEADER_H + 8;
    const bottom = PANEL_TOP + panelH - PAD;

    if (site.kind === 'vmm-site' && site.hosts > 0) {
      const groups = new Map<string, VmView[]>();
      for (let h = 1; h <= site.hosts; h += 1) groups.set(`${site.id}/${h}`, []);
      for (const vm of vms) {
        const id = hostIdOf(vm, site);
        if (!groups.has(id)) groups.set(id, []);
        groups.get(id)!.push(vm);
      }
      const ids = [...groups.keys()];
      const areaH = bottom - top;
      // Try every arrangement of the host boxes: the first (widest) that fits the densest mode, else the largest tiles.
      let best: { hostCols: number; mode: Mode; tile: number } | null = null;
      for (let hostCols = ids.length; hostCols >= 1; hostCols -= 1) {
        const hw = (innerW - (hostCols - 1) * 10) / hostCols;
        if (hw < 110 && hostCols > 1) continue;
        const hh = (areaH - (Math.ceil(ids.length / hostCols) - 1) * 10) / Math.ceil(ids.length / hostCols);
        const fits = ids.map((id) => fitGrid(groups.get(id)!.length, { x: 0, y: 0, w: hw - 16, h: hh - 32 }));
        const mode: Mode = vms.length > FULL_MAX ? 'tile' : fits.every((f) => f.full) ? 'full' : fits.every((f) => f.small) ? 'small' : 'tile';
        const tile = Math.min(...fits.map((f) => f.tile));
        const rank = (m: Mode) => (m === 'full' ? 2 : m === 'small' ? 1 : 0);
        if (!best || rank(mode) > rank(best.mode) || (mode === 'tile' && best.mode === 'tile' && tile > best.tile)) best = { hostCols, mode, tile };
        if (mode === 'full') break;
      }
      const { hostCols, mode, tile } = best!;
      const hostRows = Math.ceil(ids.length / hostCols);
      const hw = (innerW - (hostCols - 1) * 10) / hostCols;
      const hh = (areaH - (hostRows - 1) * 10) / hostRows;
      panel.mode = mode;
      ids.forEach((id, k) => {
        const hx = innerX + (k % hostCols) * (hw + 10);
        const hy = top + Math.floor(k / hostCols) * (hh + 10);
        const hostNo = id.slice(site.id.length + 1);
        hosts.push({ id, site: site.id, label: hostNo === 'other' ? 'Other hosts' : `Hyper-V host ${hostNo}`, x: hx, y: hy, w: hw, h: hh });
        const box = { x: hx + 8, y: hy + 24, w: hw - 16, h: hh - 32 };
        const vmsHere = groups.get(id)!;
        placeGrid(vmsHere, box, fitGrid(vmsHere.length, box), mode, tile, site.id, slots);
      });
    } else {
      captions.push({ id: `${site.id}/vms`, x: innerX, y: top + 10, text: 'VIRTUAL MACHINES' });
      top += CAPTION_H;
      const box = { x: innerX, y: top, w: innerW, h: bottom - top };
      const f = fitGrid(vms.length, box);
      panel.mode = f.full ? 'full' : f.small ? 'small' : 'tile';
      placeGrid(vms, box, f, panel.mode, f.tile, site.id, slots);
    }
  });

  // Links: in the gap between neighbouring panels; further apart, a loop under the panels.
  const links = new Map<string, LinkLayout>();
  const pairs = new Map<string, LinkView[]>();
  for (const l of linked) {
    const pair = [l.between[0], l.between[1]].sort().join('\u0000');
    const list = pairs.get(pair);
    if (list) list.push(l);
    else pairs.set(pair, [l]);
  }
  for (const list of pairs.values()) {
    list.forEach((l, k) => {
      const a = panels[order.get(l.between[0])!];
      const b = panels[order.get(l.between[1])!];
      const adjacent = Math.abs(order.get(a.id)! - order.get(b.id)!) === 1;
      if (adjacent) {
        const y = PANEL_TOP + panelH * 0.4 + (k - (list.length - 1) / 2) * 64;
        const ax = a.x < b.x ? a.x + a.w : a.x;
        const bx = a.x < b.x ? b.x : b.x + b.w;
        links.set(l.id, { id: l.id, d: `M${ax},${y}L${bx},${y}`, ax, ay: y, bx, by: y, labelX: (ax + bx) / 2, labelY: y + 14 });
      } else {
        const y0 = PANEL_TOP + panelH;
        const dip = y0 + LOOP_DIP_PX + k * 10;
        const ax = a.x + a.w / 2 + k * 24;
        const bx = b.x + b.w / 2 + k * 24;
        const d = `M${ax},${y0}C${ax},${dip} ${ax},${dip} ${ax + Math.sign(bx - ax) * 30},${dip}L${bx - Math.sign(bx - ax) * 30},${dip}C${bx},${dip} ${bx},${dip} ${bx},${y0}`;
        links.set(l.id, { id: l.id, d, ax, ay: y0, bx, by: y0, labelX: (ax + bx) / 2, labelY: dip - 17 });
      }
    });
  }

  // The vault above the sites, with control-plane lines down to each panel.
  const vaultW = 270;
  const vault: Box = { x: (width - vaultW) / 2, y: 14, w: vaultW, h: 42 };
  const control = panels.map((p) => {
    const px = p.x + p.w / 2;
    const vy = vault.y + vault.h / 2;
    if (px > vault.x + 20 && px < vault.x + vault.w - 20) return { id: p.id, d: `M${px},${vault.y + vault.h}V${p.y}` };
    const from = px < vault.x ? vault.x : vault.x + vault.w;
    return { id: p.id, d: `M${from},${vy}H${px + (px < from ? 8 : -8)}Q${px},${vy} ${px},${vy + 8}V${p.y}` };
  });

  return { key: `${width}|${shapeKey}`, shapeKey, width, height, panels, slots, hosts, infra, links, vault, control, captions };
}

interface GridFit {
  full: boolean;
  cols: number;
  cardW: number;
  small: boolean;
  smallCols: number;
  smallW: number;
  tile: number;
}

/** How `n` VMs fit in `area` as full cards, one-line cards and tiles (the largest tile that fits). */
function fitGrid(n: number, area: Box): GridFit {
  const cols = Math.max(1, Math.floor((area.w + CARD_GAP) / (CARD_MIN_W + CARD_GAP)));
  const cardW = Math.min(CARD_MAX_W, (area.w - (cols - 1) * CARD_GAP) / cols);
  const full = n <= FULL_MAX && cardW >= CARD_MIN_W - 18 && Math.ceil(n / cols) * (CARD_H + CARD_GAP) - CARD_GAP <= area.h;
  const smallCols = Math.max(1, Math.floor((area.w + SMALL_GAP) / (SMALL_MIN_W + SMALL_GAP)));
  const smallW = Math.min(CARD_MAX_W, (area.w - (smallCols - 1) * SMALL_GAP) / smallCols);
  const small = n <= FULL_MAX && smallW >= SMALL_MIN_W - 10 && Math.ceil(n / smallCols) * (SMALL_H + SMALL_GAP) - SMALL_GAP <= area.h;
  let tile = 5;
  for (let s = 26; s >= 5; s -= 1) {
    const g = tileGap(s);
    const tc = Math.max(1, Math.floor((area.w + g) / (s + g)));
    if (Math.ceil(n / tc) * (s + g) - g <= area.h) {
      tile = s;
      break;
    }
  }
  return { full, cols, cardW, small, smallCols, smallW, tile };
}

function tileGap(size: number): number {
  return size >= 14 ? 4 : size >= 9 ? 3 : 2;
}

function placeGrid(vms: VmView[], area: Box, f: GridFit, mode: Mode, tile: number, site: string, slots: Map<string, Slot>): void {
  const [cols, w, h, gapX, gapY] =
    mode === 'full'
      ? [f.cols, f.cardW, CARD_H, CARD_GAP, CARD_GAP]
      : mode === 'small'
        ? [f.smallCols, f.smallW, SMALL_H, SMALL_GAP, SMALL_GAP]
        : [Math.max(1, Math.floor((area.w + tileGap(tile)) / (tile + tileGap(tile)))), tile, tile, tileGap(tile), tileGap(tile)];
  vms.forEach((vm, i) => {
    slots.set(vm.id, { mode, site, x: area.x + (i % cols) * (w + gapX), y: area.y + Math.floor(i / cols) * (h + gapY), w, h });
  });
}

function chipWidth(caption: string, label: string): number {
  return Math.min(220, Math.max(caption.length * 5.6, label.length * 6.6) + 46);
}

// ——— text and formatting ———

/** A reverse cache account's selection id: its replication's id and this suffix. */
const REVERSE_CACHE_SUFFIX = '/reverse-cache';

export function reverseCacheId(replicationId: string): string {
  return replicationId + REVERSE_CACHE_SUFFIX;
}

/** The replication a cache account chip or selection belongs to, and whether it is the reverse direction's. */
export function cacheOwner(id: string): { replicationId: string; reverse: boolean } {
  const reverse = id.endsWith(REVERSE_CACHE_SUFFIX);
  return { replicationId: reverse ? id.slice(0, -REVERSE_CACHE_SUFFIX.length) : id, reverse };
}

/** Truncates text to about `maxPx` at `charPx` per character (charPx 1: `maxPx` is a count). */
function fit(text: string, maxPx: number, charPx: number): string {
  const max = Math.max(2, Math.floor(maxPx / charPx));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

