// What-ifs: a patch of the knobs the app's sliders turn (bandwidth, churn, Hyper-V frequency,
// Azure retention and app-consistent frequency, failover recovery point), applied to a
// normalised scenario with Immer so the baseline stays untouched. Values outside what the
// format allows are refused with a message naming the knob.
import { Immer } from 'immer';
import { LIMITS, makeError, type ChurnProfile, type RecoveryPointChoice, type Scenario, type ScenarioError } from '../scenario';
import type { WhatIfPatch } from './session-types';

// The model holds on to parts of the scenario: leave them unfrozen.
const immer = new Immer({ autoFreeze: false });

function scaleChurn(profile: ChurnProfile, k: number): ChurnProfile {
  switch (profile.profile) {
    case 'constant':
      return { ...profile, rateBytesPerS: profile.rateBytesPerS * k };
    case 'diurnal':
      return { ...profile, meanBytesPerS: profile.meanBytesPerS * k, peakBytesPerS: profile.peakBytesPerS * k };
    case 'bursty':
      return { ...profile, baseBytesPerS: profile.baseBytesPerS * k, burstBytesPerS: profile.burstBytesPerS * k };
    case 'trace':
      return { ...profile, ratesBytesPerS: profile.ratesBytesPerS.map((r) => r * k) };
  }
}

/** Problems with the patch, each at its knob's path (`whatIf.bandwidthFactor`); empty when it can be applied. */
export function whatIfProblems(patch: WhatIfPatch): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const problem = (knob: keyof WhatIfPatch, found: unknown, expected: string) => problems.push(makeError(`whatIf.${knob}`, String(found), expected));
  const positive = (name: keyof WhatIfPatch, v: number | undefined, max: number) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0 && v <= max)) problem(name, v, `a number above 0 and at most ${max}`);
  };
  positive('bandwidthFactor', patch.bandwidthFactor, 1000);
  positive('churnMultiplier', patch.churnMultiplier, 1000);
  if (patch.hypervFrequencyMs !== undefined && !LIMITS.hypervFrequenciesMs.includes(patch.hypervFrequencyMs)) {
    problem('hypervFrequencyMs', patch.hypervFrequencyMs, `one of ${LIMITS.hypervFrequenciesMs.join(', ')}`);
  }
  const r = patch.azureRetentionMs;
  if (r !== undefined && !(Number.isInteger(r) && r > 0 && r <= LIMITS.a2aMaxRetentionMs)) {
    problem('azureRetentionMs', r, `a whole number of ms above 0 and at most ${LIMITS.a2aMaxRetentionMs} (15 days)`);
  }
  const a = patch.azureAppConsistentEveryMs;
  if (a !== undefined && a !== null && !(Number.isInteger(a) && a >= LIMITS.appConsistentMinMs && a <= LIMITS.appConsistentMaxMs)) {
    problem('azureAppConsistentEveryMs', a, 'null (off) or 1 h to 12 h in ms');
  }
  const choice = patch.failoverRecoveryPoint;
  if (choice !== undefined && !['latest', 'latest-processed', 'latest-app-consistent'].includes(choice)) {
    problem('failoverRecoveryPoint', choice, 'latest, latest-processed or latest-app-consistent');
  }
  return problems;
}

/** The scenario with the what-if applied (the argument is left as it was). */
export function applyWhatIf(scenario: Scenario, patch: WhatIfPatch): Scenario {
  return immer.produce(scenario, (draft) => {
    const bandwidth = patch.bandwidthFactor;
    if (bandwidth !== undefined) for (const l of draft.links) l.bandwidthBytesPerS *= bandwidth;
    const churn = patch.churnMultiplier;
    if (churn !== undefined) {
      for (const vm of draft.vms) for (const d of vm.disks) d.churn = scaleChurn(d.churn as ChurnProfile, churn);
    }
    for (const r of draft.replications) {
      if (r.type === 'hyperv-to-vmm') {
        if (patch.hypervFrequencyMs !== undefined) r.policy.frequencyMs = patch.hypervFrequencyMs;
      } else {
        if (patch.azureRetentionMs !== undefined) r.policy.retentionMs = patch.azureRetentionMs;
        if (patch.azureAppConsistentEveryMs !== undefined) r.policy.appConsistentEveryMs = patch.azureAppConsistentEveryMs;
      }
    }
    const choice = patch.failoverRecoveryPoint;
    if (choice !== undefined) {
      for (const e of draft.events) {
        if (e.action === 'failover' || e.action === 'testFailover') e.recoveryPoint = { kind: choice } as RecoveryPointChoice;
      }
    }
  });
}
