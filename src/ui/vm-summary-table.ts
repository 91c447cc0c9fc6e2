// The run summary's table of VMs (state, RPO now, lag or RPO p95), kept as one set of rows
// updated in place: while a fleet plays, a refresh changes a few text nodes and classes, with
// no new elements to allocate, compare, style or lay out.
import type { Results } from '../metrics/results-types';
import type { VmView } from '../session/session-types';
import { el, setText } from './element';
import { durationOrDash } from './missing-value';

/** At most this many rows (the topology shows the rest). */
export const MAX_SUMMARY_ROWS = 200;

interface RowCells {
  dot: HTMLElement;
  state: Text;
  rpo: Text;
  last: Text;
}

export class VmSummaryTable {
  readonly root = el('table', { class: 'grid vms' });
  private readonly lastHeading = document.createTextNode('lag');
  private rows: RowCells[] = [];
  private ids: string[] = [];

  constructor() {
    this.root.append(el('tr', {}, el('th', {}, 'VM'), el('th', {}, 'state'), el('th', { class: 'num' }, 'RPO now'), el('th', { class: 'num' }, this.lastHeading)));
  }

  update(vms: VmView[], results: Results | null): void {
    const shown = vms.length > MAX_SUMMARY_ROWS ? vms.slice(0, MAX_SUMMARY_ROWS) : vms;
    if (shown.length !== this.ids.length || shown.some((vm, i) => vm.id !== this.ids[i])) this.rebuild(shown);
    setText(this.lastHeading, results ? 'RPO p95' : 'lag');
    shown.forEach((vm, i) => {
      const cells = this.rows[i];
      const dotClass = `dot health-${vm.state === 'protected' || vm.state === 'resync' ? vm.health : 'none'}`;
      if (cells.dot.className !== dotClass) cells.dot.className = dotClass;
      setText(cells.state, vm.state);
      setText(cells.rpo, durationOrDash(vm.rpoMs));
      setText(cells.last, results ? durationOrDash(results.vms[vm.id]?.rpo?.p95Ms) : durationOrDash(vm.lagMs));
    });
  }

  private rebuild(vms: VmView[]): void {
    while (this.root.rows.length > 1) this.root.deleteRow(1);
    this.ids = vms.map((vm) => vm.id);
    this.rows = vms.map((vm) => {
      const cells: RowCells = { dot: el('span', { class: 'dot' }), state: document.createTextNode(''), rpo: document.createTextNode(''), last: document.createTextNode('') };
      this.root.append(
        el(
          'tr',
          { class: 'clickable', 'data-select-kind': 'vm', 'data-select-id': vm.id },
          el('td', {}, cells.dot, vm.id),
          el('td', { class: 'muted' }, cells.state),
          el('td', { class: 'num' }, cells.rpo),
          el('td', { class: 'num' }, cells.last),
        ),
      );
      return cells;
    });
  }
}
