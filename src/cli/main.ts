// The `drsim` command line: run, check, schema (spec/results.md § Command line).
// Exit codes: 0 ran / all passed, 1 an expectation failed, 2 invalid input.
import { Command, CommanderError } from 'commander';
import { checkCommand } from './check-command';
import { runCommand } from './run-command';
import { scenarioJsonSchema } from '../scenario';

const collect = (value: string, previous: string[]) => [...previous, value];

const program = new Command();
program
  .name('drsim')
  .description('Deterministic simulator of disaster-recovery replication (Azure Site Recovery)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`drsim: ${text.replace(/^error: /, '')}`) });

program
  .command('run')
  .description('run one scenario and print a summary (or the results object with --json)')
  .argument('<file>', 'scenario file (.yaml, .yml or .json)')
  .option('--seed <n>', 'seed for the random streams (overrides the file)')
  .option('--until <duration>', 'stop at this simulated time, e.g. 12h')
  .option('--set <path=value>', 'override a field, e.g. links.wan.bandwidth=50Mbps (repeatable)', collect, [])
  .option('--json', 'print the results object as JSON')
  .option('--out <file>', 'also write the results object to this file')
  .option('--trace <file>', 'write the event log: NDJSON, or Chrome Trace JSON if it ends in .trace.json')
  .option('--series <file>', 'write the per-VM series (RPO, lag, churn, throughput, backlog) as CSV')
  .option('--max-events <n>', 'cap on kernel events for this run')
  .action((file: string, options) => {
    process.exitCode = runCommand(file, options);
  });

program
  .command('check')
  .description('run every scenario and its expectations; one line each, then "N passed, N failed"')
  .argument('[paths...]', 'scenario files or directories', ['scenarios'])
  .option('--junit <file>', 'write a JUnit XML report')
  .action((paths: string[], options) => {
    process.exitCode = checkCommand(paths, options);
  });

program
  .command('schema')
  .description('print the JSON Schema of the scenario format')
  .action(() => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

try {
  program.parse(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; usage errors are invalid input.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
