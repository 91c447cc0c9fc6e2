// The states of a protected VM (model.md § 5).

export type ProtectionState =
  | 'unprotected'
  | 'enabling'
  | 'initial-replication'
  | 'protected'
  | 'resync'
  | 'failing-over'
  | 'failed-over'
  | 'committed'
  | 'reprotecting';

export type Health = 'normal' | 'warning' | 'critical';
