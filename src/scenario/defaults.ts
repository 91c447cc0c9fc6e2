// Every default of spec/model.md and spec/scenario-format.md, with where it comes from;
// `normalise.ts` fills fields from here and reports which ones a run used.
import type { HyperVPolicy, AzureToAzurePolicy } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const MB = 1_000_000;

export interface Default<T> {
  value: T;
  text: string;
  source: string;
}

const d = <T>(value: T, text: string, source: string): Default<T> => ({ value, text, source });

export const DEFAULTS = {
  seed: d(1, '1', 'format'),
  siteHosts: d(1, '1', 'format'),
  linkLatencyMs: d(0, '0s', 'format'),
  backboneBandwidthBytesPerS: d(10e9 / 8, '10Gbps', '[drsim]'),
  backboneLatencyMs: d(40, '40ms', '[drsim]'),
  vmCount: d(1, '1', 'format'),
  bootTimeMs: d(2 * MIN, '2m', '[drsim]'),
  diskType: d('standard-ssd' as const, 'standard-ssd', 'format'),
  ioSizeBytes: d(16 * 1024, '16KiB', '[drsim]'),
  diurnalStepMs: d(5 * MIN, '5m', 'format'),
  jitterStepMs: d(5 * MIN, '5m', '[drsim]'),
  startAtMs: d(0, '0s', 'format'),
  rpoThresholdMs: d(15 * MIN, '15m', 'Deployment Planner default desired RPO'),
  a2a: {
    retentionMs: d(24 * HOUR, '24h', '[doc]'),
    appConsistentEveryMs: d<number | null>(null, 'off', '[doc]'),
    highChurn: d(false, 'false', '[doc]'),
    cacheThroughputBytesPerS: d(3000 * MB, '3000MBps', '[doc, inferred]'),
    processingDelayMs: d(60_000, '60s', '[drsim]'),
  } satisfies Partial<Record<keyof AzureToAzurePolicy, Default<unknown>>>,
  hyperv: {
    frequencyMs: d(5 * MIN, '5m', '[doc]'),
    monitoringIntervalMs: d(12 * HOUR, '12h', '[doc]'),
    applyRateBytesPerS: d(200 * MB, '200MBps', '[drsim]'),
    resyncCompareRateBytesPerS: d(100 * MB, '100MBps', '[drsim]'),
    additionalRecoveryPoints: d(0, '0', '[doc]'),
    appConsistentEveryMs: d<number | null>(null, 'off', '[doc]'),
    compression: d(0.5, '0.5', '[doc] on by default; ratio [drsim]'),
    initialReplication: d('network' as const, 'network', 'format'),
    offlineTransferMs: d(24 * HOUR, '1d', '[drsim]'),
    resyncThreshold: d(0.5, '50%', '[doc]'),
  } satisfies Partial<Record<keyof HyperVPolicy, Default<unknown>>>,
};

/** Limits of the service and of drsim (bounded work for untrusted files). */
export const LIMITS = {
  maxDurationMs: 366 * 24 * HOUR,
  a2aMaxRetentionMs: 15 * 24 * HOUR,
  appConsistentMinMs: HOUR,
  appConsistentMaxMs: 12 * HOUR,
  hypervFrequenciesMs: [30_000, 5 * MIN, 15 * MIN],
  monitoringIntervalMinMs: HOUR,
  monitoringIntervalMaxMs: 7 * 24 * HOUR,
  multiVmGroupMaxVms: 16,
  planMaxGroups: 7,
  planMaxVms: 100,
  maxVms: 10_000,
  maxDisks: 40_000,
};
