// Trainer mode's captions: what an event-log entry means, in plain language, with the why
// a trainer would add (model.md is the source of every rule quoted).
import type { LogEntry } from '../kernel';
import { formatDurationShort, formatSize } from '../units';

export interface Caption {
  title: string;
  text: string;
}

/** `key=value` pairs of a detail string (`vhd=2/3 bytes=…`). */
function fields(detail: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of detail.split(' ')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

const bytes = (v: string | undefined) => (v === undefined || Number.isNaN(Number(v)) ? 'the data' : formatSize(Math.round(Number(v))));
const ms = (v: string | undefined) => (v === undefined || Number.isNaN(Number(v)) ? '' : formatDurationShort(Number(v)));

const STATE_TEXT: Record<string, string> = {
  enabling: 'replication is being enabled: the Mobility service is installed and the target resources are created',
  'initial-replication': 'the initial copy of every disk is on its way to the target',
  protected: 'it is protected: recovery points arrive at the target, and the RPO is now measured',
  resync: 'it is resynchronising: source and replica are compared, then the differences are sent',
  'failing-over': 'a failover is in progress',
  'failed-over': 'it now runs in the target site from a recovery point',
  committed: 'the failover is committed: the recovery points are gone, the VM stays where it is',
  reprotecting: 'replication is being reversed so the VM is protected again',
  unprotected: 'it is not protected',
};

const JOB_TEXT: Record<string, string> = {
  failover: 'a failover: the VM is created in the target from a recovery point, then boots',
  testFailover: 'a test failover: a copy boots in an isolated network while replication goes on',
  plannedFailover: 'a planned failover: the source shuts down, the last logs are sent, no data is lost',
  commit: 'a commit: the failover is made final and the recovery points are discarded',
  reprotect: 'a reprotect: replication is reversed from the new primary back to the old one',
  failback: 'a failback: the VM returns to its original site',
};

export function caption(entry: LogEntry): Caption {
  const f = fields(entry.detail);
  const s = entry.subject;
  switch (entry.kind) {
    case 'enable':
      return { title: `Replication ${s} enabled`, text: `Site Recovery installs the Mobility service in each VM and creates the target resources: resource group ${f['target-rg']}, virtual network ${f.vnet}, cache storage account ${f.cache} in the source region, availability set ${f.avset}.` };
    case 'ir-start':
      return { title: `Initial replication of ${s} started`, text: `All ${bytes(f.bytes)} in use on the disk are copied to its replica first; new writes queue behind them.` };
    case 'ir-done':
      return { title: `Initial replication of ${s} done`, text: 'The replica disk holds the whole disk: from now on only the changes are shipped.' };
    case 'ir-existing':
      return { title: `${s}: replica already in place`, text: 'Initial replication uses an existing copy at the replica site, so only the changes since are sent.' };
    case 'ir-offline':
      return { title: `${s}: initial copy shipped offline`, text: `The snapshot is exported to media and shipped (${ms(f.shipping)}); changes accumulate in the .hrl log meanwhile.` };
    case 'snapshot':
      return { title: `Snapshot of ${s} taken`, text: `Hyper-V Replica takes a snapshot of the VM and sends its ${f.vhds} VHD(s) one by one; writes made meanwhile go to the .hrl log.` };
    case 'vhd-send':
      return { title: `${s}: VHD ${f.vhd} being sent`, text: `VHD ${f.vhd?.replace('/', ' of ')} (${bytes(f.bytes)}) crosses the link to the replica host.` };
    case 'vhd-sent':
      return { title: `${s}: VHD ${f.vhd?.replace('/', ' of ')} sent`, text: 'That disk is at the replica site; the next one starts, or, after the last, the logs follow.' };
    case 'cycle-missed':
      return { title: `${s} missed a replication cycle`, text: `The cycle came due but the log could not go (${entry.detail}): the previous transfer overran the interval. Missing too many cycles turns health to Warning, then Critical.` };
    case 'resync-required':
      return { title: `${s} needs a resync`, text: `Reason: ${entry.detail}. Hyper-V will compare the primary and replica VHDs block by block and send the differences; its recovery points are deleted.` };
    case 'resync-compare':
      return { title: `${s}: comparing disks`, text: `The compare takes ${ms(f.duration)} and finds ${bytes(f.differences)} of differences to send.` };
    case 'resync-done':
      return { title: `${s} resynchronised`, text: 'Replica and primary match again; replication resumes its normal cycles (earlier recovery points were deleted).' };
    case 'limit-exceeded':
      return { title: `${s}: churn beyond supported limits`, text: 'Over 15 minutes the disk wrote faster than Site Recovery can process for its type and I/O size: lag and RPO grow until the burst passes.' };
    case 'alert':
      return { title: `Alert on ${s}: ${entry.detail}`, text: entry.detail === 'rpo-threshold' ? 'The RPO passed the threshold set for the replication.' : 'No recovery point has been created for 60 minutes.' };
    case 'alert-cleared':
      return { title: `Alert on ${s} cleared`, text: `${entry.detail} is back within bounds.` };
    case 'health':
      return { title: `${s} health: ${entry.detail}`, text: entry.detail === 'normal' ? 'Replication is keeping up again.' : 'Replication is falling behind (missed cycles, or no send for too long).' };
    case 'state':
      return { title: `${s} is ${entry.detail}`, text: `${s}: ${STATE_TEXT[entry.detail] ?? entry.detail}.` };
    case 'outage':
      return { title: `Outage: ${s}`, text: outageText(s, entry.detail) };
    case 'outage-end':
      return { title: `${s} is back`, text: 'The outage is over; what it stopped starts again (a crashed Hyper-V host needs a resync).' };
    case 'fault':
      return { title: `Fault on ${s}`, text: faultText(entry.detail) };
    case 'fault-end':
      return { title: `Fault on ${s} over`, text: 'Back to normal conditions.' };
    case 'job':
      return { title: `${entry.detail} of ${s} requested`, text: `The vault starts ${JOB_TEXT[entry.detail] ?? entry.detail}.` };
    case 'job-done':
      return { title: `${entry.detail} of ${s} done`, text: 'The job completed.' };
    case 'job-failed':
      return { title: `Job failed on ${s}`, text: `Site Recovery refused it: ${entry.detail || 'not allowed now'}. The run goes on.` };
    case 'job-note':
      return { title: `Note on ${s}`, text: entry.detail || 'The vault adds a note to the job.' };
    case 'plan-group':
      return { title: `Recovery plan ${s}: group ${f.group?.replace('/', ' of ')} started`, text: `Its ${f.vms} VM(s) fail over in parallel; the next group waits until all of them are running.` };
    case 'plan-action':
      return { title: `Recovery plan ${s}: ${entry.detail.split(' ')[0]} step`, text: `${entry.detail.replace(/ duration=\d+$/, '')}, lasting ${ms(f.duration)}.` };
    case 'vm-create':
      return { title: `${s} being created in ${f.site}`, text: `From the ${entry.detail.split(' ')[2] ?? ''} recovery point of ${ms(f.point)} into the run: everything written after it is lost.` };
    case 'vm-up':
      return { title: `${s} is running in ${f.site}`, text: 'The VM has booted in the target: this is where its recovery time (RTO) ends.' };
    case 'test-vm-create':
      return { title: `Test copy of ${s} being created`, text: 'In an isolated network, from a recovery point; production replication is not interrupted.' };
    case 'test-vm-up':
      return { title: `Test copy of ${s} is up`, text: 'It runs in the isolated network until the test is cleaned up.' };
    case 'test-cleanup':
      return { title: `Test failover of ${s} cleaned up`, text: 'The test VMs are deleted.' };
    case 'reprotect':
      return { title: `${s} reprotected (${entry.detail.split(' ')[0]})`, text: entry.detail.startsWith('differential') ? 'The original disks still exist, so only the differences are copied back.' : 'The original disks are gone, so the whole disk is copied.' };
    case 'reprotect-copy':
      return { title: `${s}: copying back ${bytes(f.bytes)}`, text: `Reverse replication towards ${f.to}.` };
    case 'replication-reversed':
      return { title: `${s} now replicates to ${f.to}`, text: 'After a planned failover both sides already match, so reverse replication starts at once.' };
    default:
      return { title: `${entry.kind} ${s}`, text: entry.detail };
  }
}

function outageText(subject: string, kind: string): string {
  switch (kind) {
    case 'site':
      return `The whole site ${subject} is down: its VMs stop, its hosts crash, its cache storage account is unreachable, links to it carry nothing.`;
    case 'link':
      return 'The network link is cut: replication traffic queues at the source (logs or cache backlog grow).';
    case 'vm':
      return 'The VM is down: it writes nothing meanwhile.';
    case 'vmm':
      return 'The VMM server is down: replication goes on host to host, but no failover can be orchestrated.';
    case 'vault':
      return 'The Recovery Services vault is unreachable: replication goes on, orchestration (failovers) cannot.';
    default:
      return `${subject} is down.`;
  }
}

function faultText(detail: string): string {
  const f = fields(detail);
  if (f['bandwidth-factor'] !== undefined) return `The link now carries ${Math.round(Number(f['bandwidth-factor']) * 100)}% of its bandwidth.`;
  if (f['churn-multiply'] !== undefined) return `The disks now write ${f['churn-multiply']}× their usual rate.`;
  if (f['cache-throughput'] !== undefined) return 'The cache storage account is throttled: uploads slow down.';
  return detail || 'Conditions change.';
}
