// The inspector: the selected entity's live numbers (VM, disk, site, link, replication
// resources, vault), and without a selection the run's summary: every VM's state and RPO,
// the jobs with their data loss and RTO.
import type { Results } from '../metrics/results-types';
import type { SessionState, VmView } from '../session/session-types';
import { formatBitRate, formatRate, formatSize } from '../units';
import { el } from './element';
import { cacheOwner, type TopologySelection } from './topology-view';
import { MAX_SUMMARY_ROWS, VmSummaryTable } from './vm-summary-table';
import { durationOrDash } from './missing-value';

type Row = [string, string] | [string, string, string];

export class InspectorPanel {
  readonly root = el('div', { class: 'pane inspector', 'data-testid': 'inspector' });
  private readonly vmTable = new VmSummaryTable();

  constructor(private readonly select: (selection: TopologySelection) => void) {
    // One listener for every clickable thing, read from data attributes: the DOM is updated in
    // place (see morph), so closures over a row's VM would go stale.
    this.root.addEventListener('click', (e) => {
      const target = (e.target as Element).closest('[data-select-kind]');
      if (!target) return;
      const kind = target.getAttribute('data-select-kind')!;
      this.select(kind === 'none' ? null : ({ kind, id: target.getAttribute('data-select-id')! } as TopologySelection));
    });
  }

  private last: [SessionState, TopologySelection, Results | null] | null = null;

  update(state: SessionState, selection: TopologySelection, results: Results | null): void {
    // States are immutable (Immer): the same objects mean nothing to redraw.
    if (this.last && this.last[0] === state && this.last[1] === selection && this.last[2] === results) return;
    this.last = [state, selection, results];
    const body = selection ? this.entity(state, selection, results) : this.summary(state, results);
    // Update the elements in place where the structure is the same (a hundred rows whose RPO
    // changed cost a few text nodes, not a new table to style and lay out).
    // The VM table is the same element every time, updated by itself.
    if (body.length === this.root.children.length && body.every((b, i) => b === this.root.children[i] || morph(this.root.children[i], b))) return;
    this.root.replaceChildren(...body);
  }

  private entity(state: SessionState, sel: NonNullable<TopologySelection>, results: Results | null): HTMLElement[] {
    const back = el('button', { class: 'link-button', 'data-select-kind': 'none', 'data-select-id': '' }, '← Run summary');
    const head = (kind: string, title: string) => [back, el('div', { class: 'entity-kind' }, kind), el('h3', { class: 'entity-title' }, title)];
    switch (sel.kind) {
      case 'vm': {
        const vm = state.vms.find((v) => v.id === sel.id);
        if (!vm) break;
        const r = results?.vms[vm.id];
        const rows: Row[] = [
          ['State', vm.state, `state-${vm.state}`],
          ['Health', vm.health, `health-${vm.health}`],
          ['Runs in', vm.site === vm.homeSite ? vm.site : `${vm.site} (from ${vm.homeSite})`],
          ['Replicates to', vm.replicatesTo ?? '—'],
          ['RPO now', durationOrDash(vm.rpoMs)],
          ['RPO threshold', durationOrDash(vm.rpoThresholdMs)],
          ['Lag now', durationOrDash(vm.lagMs)],
          ['Churn', formatRate(vm.churnBytesPerS)],
          ['Replicated', formatRate(vm.throughputBytesPerS)],
          ['Backlog', formatSize(vm.backlogBytes)],
          ['Alerts', vm.alerts.join(', ') || 'none'],
        ];
        if (r?.rpo) rows.push(['RPO p95 (run)', durationOrDash(r.rpo.p95Ms)], ['RPO max (run)', durationOrDash(r.rpo.maxMs)], ['Within threshold', `${r.rpo.withinThresholdPct.toFixed(1)}%`]);
        if (r?.recoveryPoints) rows.push(['Points created', String(r.recoveryPoints.created)]);
        return [...head('Virtual machine', vm.id), table(rows), this.diskList(vm)];
      }
      case 'disk': {
        const vm = state.vms.find((v) => v.disks.some((d) => d.key === sel.id));
        const disk = vm?.disks.find((d) => d.key === sel.id);
        if (!vm || !disk) break;
        return [...head('Disk', disk.key), table([['VM', vm.id], ['Size', formatSize(disk.sizeBytes)], ['Type', disk.type]])];
      }
      case 'site': {
        const site = state.sites.find((s) => s.id === sel.id);
        if (!site) break;
        const vms = state.vms.filter((v) => v.site === site.id);
        const rows: Row[] = [
          ['Kind', site.kind === 'azure-region' ? 'Azure region' : 'VMM site'],
          ['Status', site.up ? 'up' : 'DOWN', site.up ? 'health-normal' : 'health-critical'],
          ['VMs running here', String(vms.length)],
        ];
        if (site.kind === 'vmm-site') rows.push(['Hyper-V hosts', String(site.hosts)], ['VMM server', site.vmmUp ? 'up' : 'DOWN']);
        return [...head('Site', site.id), table(rows)];
      }
      case 'link': {
        const link = state.links.find((l) => l.id === sel.id);
        if (!link) break;
        const r = results?.links[link.id];
        const rows: Row[] = [
          ['Between', `${link.between[0]} ⇄ ${link.between[1]}`],
          ['Bandwidth', `${formatBitRate(link.bandwidthBytesPerS)} each way`],
          ['Capacity now', link.up ? formatBitRate(link.capacityBytesPerS) : 'DOWN', link.up ? '' : 'health-critical'],
          [`${link.between[0]} → ${link.between[1]}`, formatBitRate(link.forwardBytesPerS)],
          [`${link.between[1]} → ${link.between[0]}`, formatBitRate(link.backwardBytesPerS)],
          ['Utilisation', `${(100 * link.utilisation).toFixed(1)}%`, link.saturated ? 'health-warning' : ''],
          ['Saturated', link.saturated ? 'yes' : 'no'],
        ];
        if (r) rows.push(['Sent (run)', formatSize(r.sentBytes)], ['Mean utilisation (run)', `${r.utilizationPct.toFixed(1)}%`], ['Saturated (run)', durationOrDash(r.saturatedMs)]);
        return [...head(link.implicit ? 'Azure backbone' : 'Network link', link.id), table(rows)];
      }
      case 'vault':
        return [...head('Recovery Services vault', 'vault'), table([['Status', state.vaultUp ? 'up' : 'DOWN', state.vaultUp ? 'health-normal' : 'health-critical'], ['Role', 'orchestrates enable, failover and reprotect; replication goes on without it']])];
      case 'vmm': {
        const site = state.sites.find((s) => s.id === sel.id);
        if (!site) break;
        return [...head('VMM server', `${site.id} VMM`), table([['Site', site.id], ['Status', site.vmmUp ? 'up' : 'DOWN', site.vmmUp ? 'health-normal' : 'health-critical'], ['Role', 'orchestrates Hyper-V Replica for the site; replication goes on host to host without it']])];
      }
      case 'host': {
        const [siteId, n] = sel.id.split('/');
        const vms = state.vms.filter((v) => v.site === siteId && String(v.host) === n);
        return [...head('Hyper-V host', `${siteId} host ${n}`), table([['Site', siteId], ['VMs on it', vms.map((v) => v.id).join(', ') || 'none']])];
      }
      case 'cache': {
        const { replicationId, reverse } = cacheOwner(sel.id);
        const rep = state.replications.find((r) => r.id === replicationId);
        if (!rep?.resources || (reverse && !rep.reverseCache)) break;
        const rows: Row[] = [
          ['Region', reverse ? rep.to : rep.from],
          ['Replication', reverse ? `${rep.id} (reverse, ${rep.to} → ${rep.from})` : rep.id],
          ['Throughput now', formatRate(reverse ? rep.reverseCache!.bytesPerS : rep.cacheBytesPerS)],
          ['Limit', formatRate(rep.cacheLimitBytesPerS)],
          ['Role', 'holds the writes the Mobility service uploads until they are processed into the replica disks'],
        ];
        return [...head('Cache storage account', reverse ? rep.reverseCache!.storageAccount : rep.resources.cacheStorageAccount), table(rows)];
      }
      case 'resource': {
        const [repId, field] = sel.id.split('/');
        const rep = state.replications.find((r) => r.id === repId);
        if (!rep?.resources) break;
        const labels: Record<string, string> = { resourceGroup: 'Target resource group', vnet: 'Target virtual network', availabilitySet: 'Target availability set', replicaDisks: 'Replica managed disks' };
        const value = field === 'replicaDisks' ? `${rep.resources.replicaDisks.length} disks` : String(rep.resources[field as 'vnet'] ?? '');
        const rows: Row[] = [['Region', rep.to], ['Replication', rep.id], ['Created', 'when replication was enabled']];
        if (field === 'replicaDisks') rows.push(['Disks', rep.resources.replicaDisks.slice(0, 12).join(', ') + (rep.resources.replicaDisks.length > 12 ? ' …' : '')]);
        return [...head(labels[field] ?? 'Target resource', value), table(rows)];
      }
    }
    return [back, el('p', { class: 'muted' }, `${sel.id} is not in this run.`)];
  }

  private diskList(vm: VmView): HTMLElement {
    const list = el('div', { class: 'chips' });
    for (const d of vm.disks) {
      const chip = el('button', { class: 'chip', 'data-select-kind': 'disk', 'data-select-id': d.key }, `${d.id} · ${formatSize(d.sizeBytes)}`);
      list.append(chip);
    }
    return list;
  }

  private summary(state: SessionState, results: Results | null): HTMLElement[] {
    const out: HTMLElement[] = [el('h3', { class: 'section-title' }, 'Virtual machines')];
    this.vmTable.update(state.vms, results);
    out.push(this.vmTable.root);
    if (state.vms.length > MAX_SUMMARY_ROWS) out.push(el('p', { class: 'muted' }, `… and ${state.vms.length - MAX_SUMMARY_ROWS} more (click them in the topology)`));
    out.push(el('h3', { class: 'section-title' }, 'Jobs'));
    if (state.jobs.length === 0) out.push(el('p', { class: 'muted' }, 'No failover or other job in this scenario (yet).'));
    else {
      const jobs = el('table', { class: 'grid jobs', 'data-testid': 'jobs' });
      jobs.append(el('tr', {}, el('th', {}, 'job'), el('th', {}, 'target'), el('th', { class: 'num' }, 'data loss'), el('th', { class: 'num' }, 'RTO')));
      for (const j of state.jobs) {
        const status = j.completedAtMs === null ? 'running' : j.ok ? 'done' : 'failed';
        const row = el(
          'tr',
          { title: j.reason ?? '' },
          el('td', {}, el('span', { class: `badge ${status}` }, status), ` ${j.kind}`),
          el('td', {}, j.target),
          el('td', { class: 'num' }, j.dataLossMs === undefined ? '' : durationOrDash(j.dataLossMs)),
          el('td', { class: 'num' }, j.rtoMs === undefined ? '' : durationOrDash(j.rtoMs)),
        );
        jobs.append(row);
        if (!j.ok && j.reason) jobs.append(el('tr', { class: 'reason' }, el('td', { colspan: '4' }, j.reason)));
      }
      out.push(jobs);
    }
    if (results && results.expectations.length > 0) {
      out.push(el('h3', { class: 'section-title' }, 'Expectations'));
      const ex = el('ul', { class: 'expectations' });
      for (const e of results.expectations) ex.append(el('li', { class: e.pass ? 'pass' : 'fail' }, `${e.pass ? '✓' : '✗'} ${e.metric} ${e.comparator} ${e.expected} (got ${e.actualText ?? String(e.actual)})`));
      out.push(ex);
    }
    return out;
  }
}

/**
 * Makes `current` look like `next` when both have the same shape (tags and child counts all the
 * way down): attributes and text are copied over. Returns false, changing nothing, otherwise.
 */
function morph(current: Node, next: Node): boolean {
  if (!sameShape(current, next)) return false;
  copyInto(current, next);
  return true;
}

function sameShape(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName || a.childNodes.length !== b.childNodes.length) return false;
  for (let i = 0; i < a.childNodes.length; i++) if (!sameShape(a.childNodes[i], b.childNodes[i])) return false;
  return true;
}

function copyInto(a: Node, b: Node): void {
  if (a.nodeType === Node.TEXT_NODE) {
    if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
    return;
  }
  if (a instanceof Element && b instanceof Element) {
    for (const attr of b.attributes) if (a.getAttribute(attr.name) !== attr.value) a.setAttribute(attr.name, attr.value);
    for (const attr of [...a.attributes]) if (!b.hasAttribute(attr.name)) a.removeAttribute(attr.name);
  }
  for (let i = 0; i < a.childNodes.length; i++) copyInto(a.childNodes[i], b.childNodes[i]);
}

function table(rows: Row[]): HTMLElement {
  const t = el('table', { class: 'kv' });
  for (const [k, v, cls] of rows) t.append(el('tr', {}, el('th', {}, k), el('td', cls ? { class: cls } : {}, v)));
  return t;
}
