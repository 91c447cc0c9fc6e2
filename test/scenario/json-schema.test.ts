// The JSON Schema `drsim schema` prints for editors: every top-level field of format v1, the
// required ones marked, unit fields as strings, and no field the loader would refuse.
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario';

interface Node {
  type?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  additionalProperties?: unknown;
  [key: string]: unknown;
}

const schema = scenarioJsonSchema() as Node;
const TOP_LEVEL = ['drsim', 'name', 'description', 'seed', 'duration', 'sites', 'links', 'vms', 'replication', 'recoveryPlans', 'events', 'expect'];

/** The object schemas of a list field's items (one, or the members of a union). */
function itemObjects(field: Node): Node[] {
  const items = field.items!;
  return items.properties ? [items] : [...(items.oneOf ?? []), ...(items.anyOf ?? [])];
}

describe('scenarioJsonSchema()', () => {
  it('is a JSON Schema object (draft 2020-12) that survives JSON', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('has properties for exactly the top-level fields of the format, and no others allowed', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...TOP_LEVEL].sort());
    expect(schema.additionalProperties).toBe(false);
  });

  it('requires drsim, duration, sites and vms, and nothing else', () => {
    expect([...(schema.required ?? [])].sort()).toEqual(['drsim', 'duration', 'sites', 'vms']);
  });

  it.each(['sites', 'links', 'vms', 'replication', 'recoveryPlans', 'events', 'expect'])('%s is a list', (field) => {
    expect(schema.properties![field].type).toBe('array');
  });

  it.each([
    ['drsim', { const: 1 }],
    ['seed', { type: 'integer' }],
    ['duration', { type: 'string' }],
    ['name', { type: 'string' }],
  ])('%s is described as %o', (field, shape) => {
    expect(schema.properties![field]).toMatchObject(shape);
  });

  it.each<[string, string[], string[]]>([
    ['sites', ['id', 'kind', 'hosts'], ['id', 'kind']],
    ['links', ['id', 'between', 'bandwidth', 'latency'], ['id', 'between', 'bandwidth']],
    ['vms', ['id', 'site', 'count', 'host', 'bootTime', 'disks'], ['id', 'site', 'disks']],
    ['recoveryPlans', ['id', 'groups'], ['id', 'groups']],
  ])('the items of %s have fields %j, requiring %j', (field, fields, required) => {
    const [item] = itemObjects(schema.properties![field]);
    expect(Object.keys(item.properties!)).toEqual(expect.arrayContaining(fields));
    expect([...(item.required ?? [])].sort()).toEqual([...required].sort());
  });

  it('replication is one shape per type, each with its own policy fields', () => {
    const shapes = itemObjects(schema.properties!.replication);
    const byType = Object.fromEntries(shapes.map((s) => [s.properties!.type.const, Object.keys(s.properties!.policy.properties ?? {})]));
    expect(byType['azure-to-azure'].sort()).toEqual(['appConsistentEvery', 'cacheThroughput', 'highChurn', 'multiVmGroups', 'processingDelay', 'retention']);
    expect(byType['hyperv-to-vmm'].sort()).toEqual(
      [
        'additionalRecoveryPoints',
        'appConsistentEvery',
        'applyRate',
        'compression',
        'frequency',
        'initialReplication',
        'monitoringInterval',
        'offlineTransfer',
        'resyncCompareRate',
        'resyncThreshold',
      ],
    );
  });

  it('the churn profiles are the four of the table', () => {
    const [vm] = itemObjects(schema.properties!.vms);
    const [disk] = itemObjects(vm.properties!.disks);
    const churn = disk.properties!.churn;
    const profiles = [...(churn.oneOf ?? []), ...(churn.anyOf ?? [])].map((p) => p.properties!.profile.const);
    expect(profiles.sort()).toEqual(['bursty', 'constant', 'diurnal', 'trace']);
  });

  it('the event fields include every action of the events example', () => {
    const [event] = itemObjects(schema.properties!.events);
    expect(Object.keys(event.properties!)).toEqual(
      expect.arrayContaining(['at', 'lasting', 'outage', 'degrade', 'throttle', 'churn', 'failover', 'testFailover', 'plannedFailover', 'commit', 'reprotect', 'failback']),
    );
  });
});
