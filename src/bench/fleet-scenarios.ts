// The scenarios of the `fleet-month`, `hyperv-site` and `stream` benchmarks (spec/results.md),
// built as scenario objects so the benchmarks need no files.

/** 500 VMs, 1,000 disks, Azure→Azure over one shared 2 Gbps path, 30 days. */
export function fleetMonthScenario(): object {
  const vms = Array.from({ length: 500 }, (_, i) => ({
    id: `vm${String(i + 1).padStart(3, '0')}`,
    site: 'eastus',
    disks: [
      {
        id: 'os',
        size: '128GiB',
        used: '8GiB',
        type: 'premium-ssd',
        churn: { profile: 'bursty', base: '20KBps', burst: '1MBps', every: '2h', lasting: '10m', jitter: 0.2 },
      },
      {
        id: 'data',
        size: '512GiB',
        used: '16GiB',
        type: 'premium-ssd',
        churn: { profile: 'diurnal', mean: '180KBps', peak: '450KBps', peakAt: `${String(i % 24).padStart(2, '0')}:00`, jitter: 0.2 },
      },
    ],
  }));
  return {
    drsim: 1,
    name: 'fleet-month',
    seed: 2026,
    duration: '30d',
    sites: [
      { id: 'eastus', kind: 'azure-region' },
      { id: 'westus', kind: 'azure-region' },
    ],
    links: [{ id: 'path', between: ['eastus', 'westus'], bandwidth: '2Gbps', latency: '40ms' }],
    vms,
    replication: [
      { id: 'a2a', type: 'azure-to-azure', from: 'eastus', to: 'westus', vms: ['vm*'], policy: { appConsistentEvery: '4h' } },
    ],
    recoveryPlans: [{ id: 'tier1', groups: [{ vms: ['vm001', 'vm002', 'vm003'] }, { vms: ['vm004', 'vm005'] }] }],
    events: [
      { at: '20d2h', outage: 'eastus', lasting: '4h' },
      { at: '20d2h10m', failover: 'tier1', recoveryPoint: 'latest-processed' },
    ],
  };
}

/** 200 VMs on 8 hosts, 30-second frequency, 1 Gbps WAN with two outages, 14 days. */
export function hypervSiteScenario(): object {
  const vms = Array.from({ length: 200 }, (_, i) => ({
    id: `hv${String(i + 1).padStart(3, '0')}`,
    site: 'primary',
    disks: [
      { id: 'os', size: '80GiB', used: '4GiB', churn: { profile: 'constant', rate: '30KBps', jitter: 0.2 } },
      {
        id: 'data',
        size: '300GiB',
        used: '8GiB',
        churn: { profile: 'diurnal', mean: '200KBps', peak: '500KBps', peakAt: '02:00', jitter: 0.2 },
      },
    ],
  }));
  return {
    drsim: 1,
    name: 'hyperv-site',
    seed: 14,
    duration: '14d',
    sites: [
      { id: 'primary', kind: 'vmm-site', hosts: 8 },
      { id: 'secondary', kind: 'vmm-site', hosts: 8 },
    ],
    links: [{ id: 'wan', between: ['primary', 'secondary'], bandwidth: '1Gbps', latency: '8ms' }],
    vms,
    replication: [{ id: 'hvr', type: 'hyperv-to-vmm', from: 'primary', to: 'secondary', vms: ['hv*'], policy: { frequency: '30s' } }],
    events: [
      { at: '3d4h', outage: 'wan', lasting: '40m' },
      { at: '9d1h', outage: 'wan', lasting: '2h' },
    ],
  };
}
