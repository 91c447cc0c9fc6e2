// The event log: the run's notable entries (churn steps and points are on the timeline),
// newest last, filterable by text and by kind; holds a bounded tail.
import type { NotableEntry } from '../session/session-types';
import { el } from './element';
import { simulatedClock } from './top-bar';

const KEEP = 5000;
const SHOW = 400;

export class LogPanel {
  readonly root = el('div', { class: 'pane log-pane' });
  private readonly filter = el('input', { type: 'search', placeholder: 'Filter: VM, site, kind, text…', 'data-testid': 'log-filter', 'aria-label': 'Filter the event log' });
  private readonly kind = el('select', { 'aria-label': 'Kind' }, el('option', { value: '' }, 'all kinds'));
  private readonly list = el('ol', { class: 'log', 'data-testid': 'event-log' });
  private readonly count = el('span', { class: 'muted' });
  private entries: NotableEntry[] = [];
  private readonly kinds = new Set<string>();
  private dirty = false;

  constructor() {
    this.filter.addEventListener('input', () => this.draw());
    this.kind.addEventListener('change', () => this.draw());
    this.root.append(el('div', { class: 'pane-head' }, this.filter, this.kind), this.count, this.list);
  }

  reset(): void {
    this.entries = [];
    this.kinds.clear();
    this.kind.replaceChildren(el('option', { value: '' }, 'all kinds'));
    this.draw();
  }

  add(entries: NotableEntry[]): void {
    for (const e of entries) {
      this.entries.push(e);
      if (!this.kinds.has(e.kind)) {
        this.kinds.add(e.kind);
        this.kind.append(el('option', { value: e.kind }, e.kind));
      }
    }
    if (this.entries.length > 2 * KEEP) this.entries = this.entries.slice(-KEEP);
    // Drawn when visible, at most a few times a second.
    if (!this.dirty) {
      this.dirty = true;
      setTimeout(() => {
        this.dirty = false;
        if (!this.root.hidden) this.draw();
      }, 300);
    }
  }

  private draw(): void {
    const text = this.filter.value.trim().toLowerCase();
    const kind = this.kind.value;
    const matching = this.entries.filter((e) => (!kind || e.kind === kind) && (!text || `${e.kind} ${e.subject} ${e.detail}`.toLowerCase().includes(text)));
    const shown = matching.slice(-SHOW);
    this.count.textContent = `${matching.length.toLocaleString('en-US')} entries${matching.length > SHOW ? ` (the last ${SHOW} shown)` : ''}`;
    this.list.replaceChildren(
      ...shown.map((e) =>
        el('li', { class: `kind-${e.kind}` }, el('time', {}, simulatedClock(e.timeMs)), el('span', { class: 'kind' }, e.kind), el('span', { class: 'subject' }, e.subject), el('span', { class: 'detail' }, e.detail)),
      ),
    );
    this.list.scrollTop = this.list.scrollHeight;
  }
}
