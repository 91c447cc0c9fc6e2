// The `trace` churn profile: a CSV beside the scenario, a rate unit in the header, a first
// column of seconds or durations (or `step`), repeating when it runs out; bad files name the field.
import { describe, expect, it } from 'vitest';
import { loadScenario, type LoadOptions } from '../../src/scenario';

const scenario = (churn: string) => `drsim: 1
duration: 1d
sites: [{ id: eastus, kind: azure-region }]
vms:
  - id: files
    site: eastus
    disks:
      - { id: data, size: 1TiB, churn: ${churn} }
`;

/** A readFile over in-memory files, as the CLI's reads files beside the scenario. */
function filesReader(files: Record<string, string>): NonNullable<LoadOptions['readFile']> {
  return (path) => {
    if (!Object.prototype.hasOwnProperty.call(files, path)) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    return files[path];
  };
}

interface TraceView {
  startsMs: number[];
  ratesBytesPerS: number[];
  periodMs: number;
}

function trace(csv: string, fields = ''): TraceView {
  const result = loadScenario(scenario(`{ profile: trace, file: day.csv${fields} }`), { readFile: filesReader({ 'day.csv': csv }) });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const churn = result.scenario.vms[0].disks[0].churn;
  if (churn.profile !== 'trace') throw new Error(`expected a trace profile, got ${churn.profile}`);
  return { startsMs: [...churn.startsMs], ratesBytesPerS: [...churn.ratesBytesPerS], periodMs: churn.periodMs };
}

describe('the rate unit comes from the header of the rate column', () => {
  it.each([
    ['time_s,write_MBps', '1', 1_000_000],
    ['time_s,write_MBps', '4.5', 4_500_000],
    ['time_s,write_KiBps', '1', 1_024],
    ['time_s,Mbps', '8', 1_000_000], // bits: 8 Mbps = 1 MB/s
    ['time_s,write_Gbps', '1', 125_000_000],
    ['time,rate (Mbps)', '100', 12_500_000],
    ['time_s,write_MB/s', '2', 2_000_000],
    ['"time_s","write_MBps"', '"3"', 3_000_000], // quoted cells, as PowerShell's Export-Csv writes them
    ['\uFEFFtime_s,write_MBps', '1', 1_000_000], // a byte-order mark, as Excel writes it
  ])('%s: a rate of %s is %d bytes/s', (header, rate, bytesPerS) => {
    expect(trace(`${header}\n0,${rate}\n60,${rate}\n`).ratesBytesPerS).toEqual([bytesPerS, bytesPerS]);
  });

  it.each([
    ['1.5E-05', 15], // spreadsheets write small numbers with an exponent
    ['.5', 500_000],
    ['0', 0],
  ])('a rate written %s (MBps) is %d bytes/s', (rate, bytesPerS) => {
    expect(trace(`time_s,write_MBps\n0,${rate}\n60,1\n`).ratesBytesPerS[0]).toBe(bytesPerS);
  });
});

describe('the first column is seconds or a duration since the start', () => {
  it.each<[string, string[], number[]]>([
    ['seconds', ['0', '1800', '3600'], [0, 1_800_000, 3_600_000]],
    ['fractional seconds', ['0', '0.5', '1.25'], [0, 500, 1_250]],
    ['durations', ['0s', '30m', '1h'], [0, 1_800_000, 3_600_000]],
    ['compound durations', ['0s', '1h30m', '1d'], [0, 5_400_000, 86_400_000]],
  ])('%s: %j start at %j ms', (_what, times, startsMs) => {
    const csv = `time,write_MBps\n${times.map((t) => `${t},1`).join('\n')}\n`;
    expect(trace(csv).startsMs).toEqual(startsMs);
  });

  it('`step` replaces the time column: row i starts at i × step, whatever the column says', () => {
    expect(trace('time_s,write_MBps\n0,1\n7,2\n100,3\n', ', step: 10m')).toEqual({
      startsMs: [0, 600_000, 1_200_000],
      ratesBytesPerS: [1_000_000, 2_000_000, 3_000_000],
      periodMs: 1_800_000,
    });
  });

  it('with `step` a single row is enough: a constant rate repeating every step', () => {
    expect(trace('time_s,write_MBps\n0,2\n', ', step: 1h')).toEqual({ startsMs: [0], ratesBytesPerS: [2_000_000], periodMs: 3_600_000 });
  });

  it('CRLF line ends, blank lines and # comment lines are ignored', () => {
    expect(trace('# measured on fs01\r\ntime_s,write_MBps\r\n\r\n0,1\r\n# lunch\r\n60,2\r\n').startsMs).toEqual([0, 60_000]);
  });
});

describe('the trace repeats when it runs out', () => {
  it.each<[string, string, number]>([
    ['evenly spaced rows: the last lasts one interval', '0,1\n1800,2\n3600,4\n', 5_400_000],
    ['uneven rows: the last lasts as long as the interval before it', '0,1\n600,2\n3600,4\n', 6_600_000],
    ['two rows a minute apart', '0,1\n60,2\n', 120_000],
  ])('%s (period %i ms)', (_what, rows, periodMs) => {
    expect(trace(`time_s,write_MBps\n${rows}`).periodMs).toBe(periodMs);
  });
});

describe('`column` chooses the rate column (default 2)', () => {
  const CSV = 'time_s,read_MBps,write_KiBps,total_Mbps\n0,1,1,8\n10,2,2,16\n';
  it.each<[string, number[]]>([
    ['', [1_000_000, 2_000_000]],
    [', column: 2', [1_000_000, 2_000_000]],
    [', column: 3', [1_024, 2_048]],
    [', column: 4', [1_000_000, 2_000_000]],
  ])('churn fields "%s" read rates %j', (fields, rates) => {
    expect(trace(CSV, fields).ratesBytesPerS).toEqual(rates);
  });
});

describe('a bad trace is refused at vms[0].disks[0].churn.file, with the line in the file', () => {
  it.each<[string, string, RegExp, RegExp]>([
    ['no unit in the header', 'time_s,write\n0,1\n60,2\n', /header "write"/, /a rate unit in the header/],
    ['a unit in the wrong case', 'time_s,write_mbps\n0,1\n60,2\n', /header "write_mbps"/, /a rate unit in the header/],
    ['decreasing times', 'time_s,write_MBps\n0,1\n20,2\n10,3\n', /line 4 time "10"/, /times that increase/],
    ['a repeated time', 'time_s,write_MBps\n0,1\n20,2\n20,3\n', /line 4 time "20"/, /times that increase/],
    ['a time that is neither', 'time_s,write_MBps\n0,1\nnoon,2\n', /line 3 time "noon"/, /seconds since the start .* or a duration/],
    ['a negative rate', 'time_s,write_MBps\n0,1\n20,-2\n', /line 3 rate "-2"/, /a non-negative number/],
    ['an empty rate', 'time_s,write_MBps\n0,\n20,2\n', /line 2 rate ""/, /a non-negative number/],
    ['a hexadecimal rate', 'time_s,write_MBps\n0,0x10\n20,2\n', /line 2 rate "0x10"/, /a non-negative number/],
    ['an infinite rate', 'time_s,write_MBps\n0,Infinity\n20,2\n', /line 2 rate "Infinity"/, /a non-negative number/],
    ['a header and no rows', 'time_s,write_MBps\n', /1 line/, /a header line and at least one row/],
    ['one row and no step', 'time_s,write_MBps\n0,1\n', /one row and no `step`/, /two rows or more/],
    ['fewer columns than `column`', 'time_s,write_MBps\n0,1\n10,2\n', /2 column\(s\) in the header/, /a column 3/],
    ['a short row', 'time_s,a_MBps,b_MBps\n0,1,1\n10,2\n', /line 3 with 2 cell/, /at least 3/],
    ['semicolons instead of commas', 'time_s;write_MBps\n0;1\n60;2\n', /1 column\(s\) in the header/, /a column 2/],
  ])('%s', (what, csv, found, expectedText) => {
    const column = what === 'fewer columns than `column`' || what === 'a short row' ? ', column: 3' : '';
    const result = loadScenario(scenario(`{ profile: trace, file: day.csv${column} }`), { readFile: filesReader({ 'day.csv': csv }) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error.path).toBe('vms[0].disks[0].churn.file');
    expect(error.found).toMatch(/^in "day\.csv": /);
    expect(error.found).toMatch(found);
    expect(error.expected).toMatch(expectedText);
    expect(error.line).toBe(8);
  });

  it('a missing file', () => {
    const result = loadScenario(scenario('{ profile: trace, file: traces/missing.csv }'), { readFile: filesReader({}) });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'vms[0].disks[0].churn.file', found: '"traces/missing.csv", which cannot be read', expected: 'a CSV file beside the scenario' }],
    });
  });

  it('no way to read files (e.g. a scenario pasted in the app)', () => {
    const result = loadScenario(scenario('{ profile: trace, file: day.csv }'));
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'vms[0].disks[0].churn.file', found: '"day.csv"' }] });
  });

  it('a step of 0s is refused at churn.step, not blamed on the file', () => {
    const result = loadScenario(scenario('{ profile: trace, file: day.csv, step: 0s }'), { readFile: filesReader({ 'day.csv': 'time_s,write_MBps\n0,1\n60,2\n' }) });
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'vms[0].disks[0].churn.step', found: '0s' }] });
    if (!result.ok) expect(result.errors).toHaveLength(1);
  });

  it('column 1 is the time column, not a rate', () => {
    const result = loadScenario(scenario('{ profile: trace, file: day.csv, column: 1 }'), { readFile: filesReader({ 'day.csv': 'time_s,write_MBps\n0,1\n60,2\n' }) });
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'vms[0].disks[0].churn.column', found: '1' }] });
  });

  it('each disk reads its own file, relative names passed as written', () => {
    const read: string[] = [];
    const reader = filesReader({ 'traces/a.csv': 'time_s,write_MBps\n0,1\n60,2\n' });
    const result = loadScenario(scenario('{ profile: trace, file: traces/a.csv }'), { readFile: (p) => (read.push(p), reader(p)) });
    expect(result.ok).toBe(true);
    expect(read).toEqual(['traces/a.csv']);
  });
});
