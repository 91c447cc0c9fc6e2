// Prints scenario errors for the terminal: one line per problem, path first, no stack trace.
import type { ScenarioError } from '../scenario';

export function formatScenarioErrors(file: string, errors: readonly ScenarioError[]): string {
  const n = errors.length;
  const lines = errors.map((e) => `  ${e.message}`);
  return `drsim: ${file} is not a valid scenario (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}\n`;
}
