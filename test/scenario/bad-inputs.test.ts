// Bad scenario files are refused with every problem at once, each naming the exact field
// (`links[0].bandwidth`), what was found and what was expected, and where it is in the file.
import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadOptions, type Scenario, type ScenarioError } from '../../src/scenario';

/** A valid scenario; each bad input below edits it. Line numbers matter: `wan` is on line 10. */
const BASE = `drsim: 1
name: bad-input base
duration: 2d
sites:
  - { id: eastus, kind: azure-region }
  - { id: westus, kind: azure-region }
  - { id: dc-madrid, kind: vmm-site, hosts: 2 }
  - { id: dc-sevilla, kind: vmm-site }
links:
  - { id: wan, between: [dc-madrid, dc-sevilla], bandwidth: 100Mbps, latency: 20ms }
vms:
  - id: sql
    site: eastus
    disks:
      - { id: os, size: 128GiB, churn: { profile: constant, rate: 1MBps } }
      - { id: data, size: 1TiB, churn: { profile: diurnal, mean: 6MBps, peak: 24MBps, peakAt: "02:00" } }
  - id: erp
    site: dc-madrid
    bootTime: 3m
    disks:
      - { id: os, size: 80GiB, churn: { profile: constant, rate: 2MBps } }
  - id: web
    site: eastus
    count: 3
    disks:
      - { id: os, size: 64GiB, churn: { profile: bursty, base: 100KBps, burst: 5MBps, every: 3h, lasting: 20m } }
replication:
  - { id: a2a, type: azure-to-azure, from: eastus, to: westus, vms: [sql, web-*], policy: { highChurn: false, appConsistentEvery: 4h } }
  - { id: hvr, type: hyperv-to-vmm, from: dc-madrid, to: dc-sevilla, vms: [erp], policy: { frequency: 5m } }
recoveryPlans:
  - id: app
    groups:
      - vms: [sql]
      - vms: [web-*]
events:
  - { at: 1d, degrade: wan, bandwidth: 30%, lasting: 2h }
  - { at: 1d2h, failover: app }
`;

type Edit = readonly [from: string, to: string];

/** BASE with each `from` (which must occur exactly once) replaced by `to`. */
function edited(...edits: readonly Edit[]): string {
  let text = BASE;
  for (const [from, to] of edits) {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`the edit needs exactly one ${JSON.stringify(from)} in the scenario`);
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  return text;
}

function errorsOf(text: string, options: LoadOptions = {}): ScenarioError[] {
  const result = loadScenario(text, options);
  if (result.ok) throw new Error(`expected errors, the scenario loaded:\n${text}`);
  return result.errors;
}

function valid(text: string, options: LoadOptions = {}): Scenario {
  const result = loadScenario(text, options);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.scenario;
}

const errorAt = (errors: ScenarioError[], path: string) => {
  const found = errors.find((e) => e.path === path);
  if (!found) throw new Error(`no error at ${path}; the errors are:\n${errors.map((e) => e.message).join('\n')}`);
  return found;
};

const MULTI_VM_17 = ['policy: { highChurn: false, appConsistentEvery: 4h }', 'policy: { multiVmGroups: [[web-*]] }'] as const;
const EIGHT_GROUPS = `groups:\n${Array.from({ length: 8 }, () => '      - vms: [sql]').join('\n')}\n`;

describe('the base scenario of this table', () => {
  it('is valid, so each error below comes from its edit', () => {
    expect(valid(BASE).vms.map((v) => v.id)).toEqual(['sql', 'erp', 'web-1', 'web-2', 'web-3']);
  });
});

describe('a bad input is refused with an error at the exact field, saying what was found and what was expected', () => {
  it.each<[string, Edit[], string, string | RegExp, RegExp]>([
    // what                                    edits                                                                          path                                          found                                  expected
    ['a bare number for a rate',              [['bandwidth: 100Mbps', 'bandwidth: 100']],                                     'links[0].bandwidth',                         '100',                                 /\(100 what\?\).*"100Mbps".*"100MBps"/],
    ['a bare number for a duration',          [['every: 3h', 'every: 3']],                                                    'vms[2].disks[0].churn.every',                '3',                                   /3 what\?/],
    ['a bare number for a time of day',       [['peakAt: "02:00"', 'peakAt: 2']],                                             'vms[0].disks[1].churn.peakAt',               '2',                                   /"02:00"/],
    ['a rate in the wrong case (mbps)',       [['rate: 2MBps', 'rate: 5mbps']],                                               'vms[1].disks[0].churn.rate',                 '"5mbps"',                             /case.*"5Mbps" for megabits or "5MBps" for megabytes/],
    ['a duration in words',                   [['duration: 2d', 'duration: 5 minutes']],                                      'duration',                                   '"5 minutes"',                         /a duration such as "500ms", "30s", "5m"/],
    ['a size in the wrong case (kb)',         [['size: 80GiB', 'size: 10kb']],                                                'vms[1].disks[0].size',                       '"10kb"',                              /"10KB"/],
    ['a negative latency',                    [['latency: 20ms', 'latency: -5ms']],                                           'links[0].latency',                           '"-5ms"',                              /zero or more/],
    ['a percentage over 100%',                [['bandwidth: 30%', 'bandwidth: 150%']],                                        'events[0].bandwidth',                        '"150%"',                              /0% to 100%/],
    ['a string where a list is expected',     [['vms: [erp]', 'vms: erp']],                                                   'replication[1].vms',                         '"erp"',                               /^a list$/],
    ['a string for the two ends of a link',   [['between: [dc-madrid, dc-sevilla]', 'between: dc-madrid']],                   'links[0].between',                           '"dc-madrid"',                         /^a list$/],
    ['a word for a count',                    [['count: 3', 'count: two']],                                                   'vms[2].count',                               '"two"',                               /^a number$/],
    ['a fractional count',                    [['count: 3', 'count: 1.5']],                                                   'vms[2].count',                               '1.5',                                 /^a whole number$/],
    ['a count of 0',                          [['count: 3', 'count: 0']],                                                     'vms[2].count',                               '0',                                   /≥ 1/],
    ['a quoted "yes" for a boolean',          [['highChurn: false', 'highChurn: "yes"']],                                     'replication[0].policy.highChurn',            '"yes"',                               /^true or false$/],
    ['an unknown site kind',                  [['{ id: westus, kind: azure-region }', '{ id: westus, kind: azure }']],        'sites[1].kind',                              '"azure"',                             /"azure-region" \| "vmm-site"/],
    ['an unknown churn profile',              [['profile: constant, rate: 1MBps', 'profile: steady, rate: 1MBps']],           'vms[0].disks[0].churn.profile',              '"steady"',                            /"constant" \| "diurnal" \| "bursty" \| "trace"/],
    ['a recovery point in words',             [['{ at: 1d2h, failover: app }', '{ at: 1d2h, failover: app, recoveryPoint: 5 minutes }']], 'events[1].recoveryPoint',      '"5 minutes"',                         /"latest" \| "latest-processed" \| "latest-app-consistent", or a duration/],
    ['appConsistentEvery neither off nor a duration', [['appConsistentEvery: 4h', 'appConsistentEvery: never']],              'replication[0].policy.appConsistentEvery',   '"never"',                             /^"off", or a duration/],
    ['a VM on an unknown site',               [['site: dc-madrid', 'site: dc-paris']],                                        'vms[1].site',                                '"dc-paris"',                          /a site id \(eastus, westus, dc-madrid, dc-sevilla\)/],
    ['a replication of an unknown VM',        [['vms: [erp]', 'vms: [erp, crm]']],                                            'replication[1].vms[1]',                      '"crm"',                               /a VM id or a family pattern/],
    ['a pattern that matches no VM',          [['- vms: [web-*]', '- vms: [db-*]']],                                          'recoveryPlans[0].groups[1].vms[0]',          '"db-*"',                              /a VM id or a family pattern/],
    ['a replication from an unknown site',    [['from: eastus', 'from: eastus2']],                                            'replication[0].from',                        '"eastus2"',                           /a site id/],
    ['a link to an unknown site',             [['between: [dc-madrid, dc-sevilla]', 'between: [dc-madrid, dc-paris]']],      'links[0].between[1]',                        '"dc-paris"',                          /a site id/],
    ['a link from a site to itself',          [['between: [dc-madrid, dc-sevilla]', 'between: [dc-madrid, dc-madrid]']],     'links[0].between',                           '"dc-madrid" twice',                   /two different sites/],
    ['a degrade of an unknown link',          [['degrade: wan', 'degrade: lan']],                                             'events[0].degrade',                          '"lan"',                               /a link id \(wan, eastus~westus\)/],
    ['a failover of an unknown plan',         [['failover: app', 'failover: ap']],                                            'events[1].failover',                         '"ap"',                                /a recovery plan or VM id \(app, sql, erp, web-1/],
    ['a commit of an unknown plan',           [['failover: app', 'commit: nope']],                                            'events[1].commit',                           '"nope"',                              /a recovery plan or VM id/],
    ['churn on an unknown disk',              [['{ at: 1d2h, failover: app }', '{ at: 1d2h, churn: sql/logs, multiply: 2 }']], 'events[1].churn',                            '"sql/logs"',                          /VM\/disk naming an existing disk/],
    ['churn on a VM without a disk',          [['{ at: 1d2h, failover: app }', '{ at: 1d2h, churn: sql, multiply: 2 }']],     'events[1].churn',                            '"sql"',                               /VM\/disk/],
    ['a throttle of a Hyper-V replication',   [['{ at: 1d2h, failover: app }', '{ at: 1d2h, throttle: hvr, cacheThroughput: 5MBps }']], 'events[1].throttle',           '"hvr"',                               /azure-to-azure replication/],
    ['an outage of nothing known',            [['{ at: 1d2h, failover: app }', '{ at: 1d2h, outage: nowhere }']],             'events[1].outage',                           '"nowhere"',                           /a site, link or VM id, SITE\/vmm/],
    ['an outage of the VMM of an Azure region', [['{ at: 1d2h, failover: app }', '{ at: 1d2h, outage: eastus/vmm }']],        'events[1].outage',                           '"eastus/vmm"',                        /SITE\/vmm \(a vmm-site\)/],
    ['a duplicate site id',                   [['{ id: westus, kind: azure-region }', '{ id: eastus, kind: azure-region }']], 'sites[1].id',                                '"eastus", already the id of sites[0]', /ids unique/],
    ['a VM with the id of a link',            [['id: sql\n', 'id: wan\n'], ['vms: [sql, web-*]', 'vms: [wan, web-*]'], ['- vms: [sql]', '- vms: [wan]']], 'vms[0].id', '"wan", already the id of links[0]',   /ids unique/],
    ['a VM with the id of a count-expanded VM', [['  - id: web\n', '  - id: web-2\n    site: eastus\n    disks: [{ id: os, size: 1GiB }]\n  - id: web\n']], 'vms[3].id', '"web-2", already the id of vms[2]', /ids unique/],
    ['a disk id twice in a VM',               [['{ id: data, size: 1TiB', '{ id: os, size: 1TiB']],                           'vms[0].disks[1].id',                         '"os" twice in this VM',               /disk ids unique within a VM/],
    ['a VMM-site replication with no link',   [['  - { id: wan, between: [dc-madrid, dc-sevilla], bandwidth: 100Mbps, latency: 20ms }', '  []'], ['degrade: wan', 'outage: eastus']], 'replication[1]', 'no link between dc-madrid and dc-sevilla', /a `links` entry between the two VMM sites/],
    ['azure-to-azure from a vmm-site',        [['type: azure-to-azure, from: eastus', 'type: azure-to-azure, from: dc-madrid']], 'replication[0].from',                    '"dc-madrid", a vmm-site',             /^an azure-region for azure-to-azure replication$/],
    ['hyperv-to-vmm to an Azure region',      [['from: dc-madrid, to: dc-sevilla', 'from: dc-madrid, to: westus']],           'replication[1].to',                          '"westus", an azure-region',           /^a vmm-site for hyperv-to-vmm replication$/],
    ['a replicated VM in another site',       [['vms: [erp]', 'vms: [erp, sql]']],                                            'replication[1].vms',                         '"sql", a VM in eastus',               /VMs in dc-madrid/],
    ['a plan VM that nothing replicates',     [['vms: [sql, web-*]', 'vms: [sql]']],                                          'recoveryPlans[0].groups[1].vms',             '"web-1", which no replication protects', /VMs listed in a `replication` entry/],
    ['a misspelt field (bandwith)',           [['bandwidth: 100Mbps', 'bandwith: 100Mbps']],                                  'links[0].bandwith',                          'an unknown field "bandwith"',         /^"bandwidth"\? one of the fields id, between, bandwidth, latency$/],
    ['a field in the wrong case (peakat)',    [['peakAt: "02:00"', 'peakat: "02:00"']],                                       'vms[0].disks[1].churn.peakat',               'an unknown field "peakat"',           /^"peakAt"\? /],
    ['an Azure field in a Hyper-V policy',    [['policy: { frequency: 5m }', 'policy: { frequency: 5m, retention: 1d }']],    'replication[1].policy.retention',            'an unknown field "retention"',        /one of the fields frequency, monitoringInterval/],
    ['no duration',                           [['duration: 2d\n', '']],                                                       'duration',                                   'nothing',                             /a duration .*\(this field is required\)$/],
    ['no drsim',                              [['drsim: 1\n', '']],                                                           'drsim',                                      'nothing',                             /^1 \(this field is required\)$/],
    ['another format version',                [['drsim: 1\n', 'drsim: 2\n']],                                                 'drsim',                                      '2',                                   /^1$/],
    ['no disk size',                          [['{ id: os, size: 80GiB, ', '{ id: os, ']],                                    'vms[1].disks[0].size',                       'nothing',                             /a size .*\(this field is required\)$/],
    ['no churn profile',                      [['profile: constant, rate: 1MBps', 'rate: 1MBps']],                            'vms[0].disks[0].churn.profile',              'nothing',                             /\(this field is required\)$/],
    ['no disks',                              [['    disks:\n      - { id: os, size: 80GiB, churn: { profile: constant, rate: 2MBps } }\n', '    disks: []\n']], 'vms[1].disks', 'a list of 0 items',            /^at least 1 item$/],
    ['Hyper-V frequency 10m',                 [['frequency: 5m', 'frequency: 10m']],                                          'replication[1].policy.frequency',            '10m',                                 /^one of 30s, 5m, 15m$/],
    ['appConsistentEvery 30m (Azure)',        [['appConsistentEvery: 4h', 'appConsistentEvery: 30m']],                        'replication[0].policy.appConsistentEvery',   '30m',                                 /between 1h and 12h/],
    ['appConsistentEvery 13h (Azure)',        [['appConsistentEvery: 4h', 'appConsistentEvery: 13h']],                        'replication[0].policy.appConsistentEvery',   '13h',                                 /between 1h and 12h/],
    ['appConsistentEvery 30m (Hyper-V)',      [['policy: { frequency: 5m }', 'policy: { frequency: 5m, appConsistentEvery: 30m }']], 'replication[1].policy.appConsistentEvery', '30m',                           /between 1h and 12h/],
    ['retention 16d',                         [['appConsistentEvery: 4h', 'retention: 16d']],                                 'replication[0].policy.retention',            '16d',                                 /at most 15d/],
    ['25 additional recovery points',         [['policy: { frequency: 5m }', 'policy: { additionalRecoveryPoints: 25 }']],    'replication[1].policy.additionalRecoveryPoints', '25',                              /≤ 24/],
    ['offlineTransfer without offline',       [['policy: { frequency: 5m }', 'policy: { offlineTransfer: 2d }']],             'replication[1].policy.offlineTransfer',      '2d',                                  /unless initialReplication is offline/],
    ['a multi-VM group of 17 VMs',            [['count: 3', 'count: 17'], MULTI_VM_17],                                       'replication[0].policy.multiVmGroups[0]',     '17 VMs',                              /at most 16 VMs in a multi-VM group/],
    ['a VM in two multi-VM groups',           [['policy: { highChurn: false, appConsistentEvery: 4h }', 'policy: { multiVmGroups: [[sql], [sql, web-1]] }']], 'replication[0].policy.multiVmGroups[1]', '"sql", already in group 0', /at most one multi-VM group/],
    ['a recovery plan with 8 groups',         [['groups:\n      - vms: [sql]\n      - vms: [web-*]\n', EIGHT_GROUPS]],      'recoveryPlans[0].groups',                    'a list of 8 items',                   /^at most 7 items$/],
    ['an event with two actions',             [['{ at: 1d, degrade: wan, bandwidth: 30%, lasting: 2h }', '{ at: 1d, degrade: wan, failover: app, bandwidth: 30% }']], 'events[0]', '2 actions (degrade, failover)',   /^exactly one of outage, degrade, throttle/],
    ['an event with no action',               [['{ at: 1d2h, failover: app }', '{ at: 1d2h }']],                              'events[1]',                                  'no action',                           /^exactly one of outage/],
    ['degrade without bandwidth',             [['{ at: 1d, degrade: wan, bandwidth: 30%, lasting: 2h }', '{ at: 1d, degrade: wan, lasting: 2h }']], 'events[0].bandwidth', 'nothing',                          /a bandwidth for a degrade event \(this field is required\)/],
    ['throttle without cacheThroughput',      [['{ at: 1d2h, failover: app }', '{ at: 1d2h, throttle: a2a }']],               'events[1].cacheThroughput',                  'nothing',                             /\(this field is required\)/],
    ['churn without multiply',                [['{ at: 1d2h, failover: app }', '{ at: 1d2h, churn: sql/data }']],             'events[1].multiply',                         'nothing',                             /\(this field is required\)/],
    ['an event after the end of the run',     [['at: 1d2h', 'at: 3d']],                                                       'events[1].at',                               '3d',                                  /^a time within the run \(duration 2d\)$/],
    ['lasting on a commit',                   [['failover: app', 'commit: app, lasting: 1h']],                                'events[1].lasting',                          '1h',                                  /^no `lasting` on a commit event$/],
    ['bandwidth on a failover',               [['failover: app', 'failover: app, bandwidth: 50%']],                           'events[1].bandwidth',                        '50.0%',                               /^no `bandwidth` on a failover event$/],
    ['used above size',                       [['{ id: os, size: 128GiB,', '{ id: os, size: 128GiB, used: 200GiB,']],         'vms[0].disks[0].used',                       '200 GiB',                             /^at most the disk size \(128 GiB\)$/],
    ['a peak below the mean',                 [['peak: 24MBps', 'peak: 2MBps']],                                              'vms[0].disks[1].churn.peak',                 '2.00 MBps, below the mean (6.00 MBps)', /a peak at least the mean/],
    ['an Azure disk type in a vmm-site',      [['{ id: os, size: 80GiB,', '{ id: os, size: 80GiB, type: premium-ssd,']],      'vms[1].disks[0].type',                       '"premium-ssd"',                       /azure-region only/],
    ['an ioSize in a vmm-site',               [['{ id: os, size: 80GiB,', '{ id: os, size: 80GiB, ioSize: 4KiB,']],           'vms[1].disks[0].ioSize',                     '4.00 KiB',                            /azure-region only/],
    ['a host beyond the site\'s hosts',       [['bootTime: 3m', 'bootTime: 3m\n    host: 3']],                                 'vms[1].host',                                '3',                                   /a host between 1 and 2 \(the hosts of dc-madrid\)/],
    ['hosts on an Azure region',              [['{ id: westus, kind: azure-region }', '{ id: westus, kind: azure-region, hosts: 2 }']], 'sites[1].hosts',                  '2',                                   /no `hosts` on an azure-region/],
    ['a comparison with a value in no unit',  [['events:', 'expect:\n  - { metric: vms.sql.rpo.max, below: 15 minutes }\nevents:']], 'expect[0].below',                   '"15 minutes"',                        /a number, or a value with a unit such as 15m/],
    ['an expectation with two comparators',   [['events:', 'expect:\n  - { metric: vms.sql.rpo.max, below: 1m, above: 2m }\nevents:']], 'expect[0]',                        '2 comparators (below, above)',        /exactly one of below, atMost, above, atLeast, equals/],
  ])('%s', (_what, edits, path, found, expectedText) => {
    const errors = errorsOf(edited(...edits));
    const error = errorAt(errors, path);
    if (typeof found === 'string') expect(error.found).toBe(found);
    else expect(error.found).toMatch(found);
    expect(error.expected).toMatch(expectedText);
    expect(error.message.startsWith(`${path}: found ${error.found}, expected ${error.expected}`)).toBe(true);
  });
});

describe('errors carry the line of their field in the file', () => {
  it.each<[string, number, Edit]>([
    ['links[0].bandwidth', 10, ['bandwidth: 100Mbps', 'bandwidth: 100']],
    ['vms[1].disks[0].churn.rate', 21, ['rate: 2MBps', 'rate: 5mbps']],
    ['events[1].at', 37, ['at: 1d2h', 'at: 3d']],
    ['replication[0].policy.appConsistentEvery', 28, ['appConsistentEvery: 4h', 'appConsistentEvery: 30m']],
  ])('%s is on line %i', (path, line, edit) => {
    const error = errorAt(errorsOf(edited(edit)), path);
    expect(error.line).toBe(line);
    expect(error.message.endsWith(`(line ${line})`)).toBe(true);
  });
});

describe('a file that is not YAML is refused with the line and column of the problem', () => {
  it.each<[string, Edit, number, number, RegExp]>([
    ['an unclosed bracket', ['between: [dc-madrid, dc-sevilla]', 'between: [dc-madrid, dc-sevilla'], 10, 83, /end with a \]/],
    ['a tab as indentation', ['  - { id: westus', '\t- { id: westus'], 6, 1, /Tabs are not allowed as indentation/],
    ['a key given twice', ['{ id: westus, kind: azure-region }', '{ id: westus, kind: azure-region, id: x }'], 6, 39, /Map keys must be unique/],
  ])('%s: the first error is at line %i, column %i', (_what, edit, line, column, text) => {
    const [first] = errorsOf(edited(edit));
    expect(first).toMatchObject({ path: '', line, column });
    expect(first.found).toMatch(text);
    expect(first.found).toContain(`line ${line}, column ${column}`);
    expect(first.message).toMatch(/^\(file\): found invalid YAML at line \d+, column \d+: .*, expected a YAML or JSON scenario$/);
  });

  it.each([
    ['an empty file', '', 'an empty file'],
    ['a comment only', '# nothing yet\n', 'an empty file'],
    ['a list', '- drsim: 1\n', 'a list of 1 item'],
    ['a number', '42\n', '42'],
  ])('%s is refused as a whole: found %s', (_what, text, found) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: '', found });
  });
});

describe('every problem is reported at once, not only the first', () => {
  it('four problems of shape and unit, in four places', () => {
    const errors = errorsOf(
      edited(
        ['bandwidth: 100Mbps', 'bandwidth: 100'],
        ['rate: 2MBps', 'rate: 5mbps'],
        ['count: 3', 'count: two'],
        ['peakAt: "02:00"', 'peakat: "02:00"'],
      ),
    );
    expect(errors.map((e) => [e.path, e.line])).toEqual(
      expect.arrayContaining([
        ['links[0].bandwidth', 10],
        ['vms[1].disks[0].churn.rate', 21],
        ['vms[2].count', 24],
        ['vms[0].disks[1].churn.peakat', 16],
        ['vms[0].disks[1].churn.peakAt', 16],
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('four problems of ids and limits, in four places', () => {
    const errors = errorsOf(
      edited(['site: dc-madrid', 'site: dc-sevilla'], ['vms: [sql, web-*]', 'vms: [sql, web-*, crm]'], ['at: 1d2h', 'at: 3d'], ['frequency: 5m', 'frequency: 10m']),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(
      ['events[1].at', 'replication[0].vms[2]', 'replication[1].policy.frequency', 'replication[1].vms'].sort(),
    );
  });
});

describe('--set PATH=VALUE', () => {
  it.each<[string, string, RegExp, RegExp]>([
    ['links.lan.bandwidth=50Mbps', '--set links.lan.bandwidth', /^no element "lan" in links$/, /^an id \(wan\) or an index$/],
    ['vms.nope.bootTime=1m', '--set vms.nope.bootTime', /^no element "nope" in vms$/, /^an id \(sql, erp, web\) or an index$/],
    ['vms.sql.disks.logs.churn.mean=12MBps', '--set vms.sql.disks.logs.churn.mean', /^no element "logs" in vms\.sql\.disks$/, /^an id \(os, data\) or an index$/],
    ['vms.web-2.bootTime=1m', '--set vms.web-2.bootTime', /^no element "web-2" in vms$/, /an id \(sql, erp, web\)/],
    ['links.3.bandwidth=1Gbps', '--set links.3.bandwidth', /^index 3$/, /^an index below 1$/],
    ['links.wan.bandwidth', '--set links.wan.bandwidth', /"links\.wan\.bandwidth"/, /^PATH=VALUE/],
    ['expect.0.below=1m', '--set expect.0.below', /^no expect in the file$/, /add expect to the file first/],
    ['name.first=x', '--set name.first', /^name, which is "bad-input base", not a mapping or list$/, /^a path to a field$/],
  ])('%s is refused: %s', (override, path, found, expectedText) => {
    const errors = errorsOf(BASE, { overrides: [override] });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe(path);
    expect(errors[0].found).toMatch(found);
    expect(errors[0].expected).toMatch(expectedText);
  });

  it('a bad value from --set names the --set, not the line of the file it replaced', () => {
    const [error, ...others] = errorsOf(BASE, { overrides: ['links.wan.bandwidth=100'] });
    expect(others).toEqual([]);
    expect(error).toMatchObject({ path: 'links[0].bandwidth', found: '100', override: 'links.wan.bandwidth=100' });
    expect(error.line).toBeUndefined();
    expect(error.message).toMatch(/\(100 what\?\).* \(from --set links\.wan\.bandwidth=100\)$/);
  });

  it('every bad --set is reported at once', () => {
    const errors = errorsOf(BASE, { overrides: ['links.lan.bandwidth=1Gbps', 'links.wan.bandwidth=50Mbps', 'vms.nope.count=2'] });
    expect(errors.map((e) => e.path)).toEqual(['--set links.lan.bandwidth', '--set vms.nope.count']);
  });

  it.each<[string, (s: Scenario) => unknown, unknown, unknown]>([
    ['links.wan.bandwidth=50Mbps', (s) => s.links[0].bandwidthBytesPerS, 12_500_000, 6_250_000],
    ['replication.hvr.policy.frequency=30s', (s) => s.replications[1].policy, expect.objectContaining({ frequencyMs: 300_000 }), expect.objectContaining({ frequencyMs: 30_000 })],
    ['vms.sql.disks.data.churn.mean=12MBps', (s) => s.vms[0].disks[1].churn, expect.objectContaining({ meanBytesPerS: 6_000_000 }), expect.objectContaining({ meanBytesPerS: 12_000_000 })],
    ['links.0.latency=5ms', (s) => s.links[0].latencyMs, 20, 5],
    ['seed=7', (s) => s.seed, 1, 7],
    ['vms.web.count=5', (s) => s.vms.map((v) => v.id).join(' '), 'sql erp web-1 web-2 web-3', 'sql erp web-1 web-2 web-3 web-4 web-5'],
    ['replication.hvr.policy.compression=1', (s) => s.replications[1].policy, expect.objectContaining({ compression: 0.5 }), expect.objectContaining({ compression: 1 })],
    ['replication.a2a.policy.highChurn=true', (s) => s.replications[0].policy, expect.objectContaining({ highChurn: false }), expect.objectContaining({ highChurn: true })],
    ['name=renamed', (s) => s.name, 'bad-input base', 'renamed'],
  ])('%s changes the normalised value', (override, get, before, after) => {
    expect(get(valid(BASE))).toEqual(before);
    expect(get(valid(BASE, { overrides: [override] }))).toEqual(after);
  });

  it('later overrides win', () => {
    expect(valid(BASE, { overrides: ['duration=1d', 'duration=3d'] }).durationMs).toBe(259_200_000);
  });
});
