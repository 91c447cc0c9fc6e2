// Scenario files: format v1 schema, loading, normalisation, overrides, errors.
export * from './types';
export { loadScenario, loadScenarioObject, type LoadOptions, type LoadResult } from './load';
export { makeError, ScenarioInvalidError, type ScenarioError } from './errors';
export { scenarioJsonSchema } from './json-schema';
export { DEFAULTS, LIMITS } from './defaults';
