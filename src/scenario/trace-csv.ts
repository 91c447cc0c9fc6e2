// Reads a churn trace CSV (`trace` profile): a header naming the rate unit, a first column
// of seconds (or durations) since the start, and rate columns; returns the step function.
import { parseDuration, parseRate, UnitError } from '../units';

export const MAX_TRACE_ROWS = 1_000_000;

export interface Trace {
  startsMs: Float64Array;
  ratesBytesPerS: Float64Array;
  periodMs: number;
}

/** A problem in the CSV, with its 1-based line. */
export class TraceError extends Error {
  constructor(
    readonly found: string,
    readonly expected: string,
  ) {
    super(`found ${found}, expected ${expected}`);
  }
}

/** The bytes/s of one unit named in a header cell: `write_MBps`, `MBps`, `rate (Mbps)`. */
function headerUnit(cell: string): number | null {
  const candidates = [cell.match(/[([]\s*([A-Za-z/]+)\s*[)\]]\s*$/)?.[1], cell.split('_').pop(), cell];
  for (const unit of candidates) {
    if (!unit) continue;
    try {
      return parseRate(`1${unit.trim()}`);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
    }
  }
  return null;
}

/** The cells of one line, trimmed and without the double quotes spreadsheets put around them. */
function cellsOf(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** A decimal rate as spreadsheets write it (`4.5`, `.5`, `1.5E-05`); no hex, no `Infinity`. */
const RATE_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseTime(cell: string): number {
  const trimmed = cell.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  return parseDuration(trimmed);
}

/**
 * @param column 1-based column of the rates (the first column is time).
 * @param stepMs when given, row i starts at i × stepMs whatever the time column says.
 */
export function parseTraceCsv(text: string, column: number, stepMs: number | null): Trace {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length < 2) throw new TraceError(`${lines.length} line(s)`, 'a header line and at least one row');
  if (lines.length - 1 > MAX_TRACE_ROWS) throw new TraceError(`${lines.length - 1} rows`, `at most ${MAX_TRACE_ROWS} rows`);
  const header = cellsOf(lines[0]);
  if (column > header.length) {
    throw new TraceError(`${header.length} column(s) in the header`, `a column ${column} (the \`column\` field)`);
  }
  const unitBytesPerS = headerUnit(header[column - 1]);
  if (unitBytesPerS === null) {
    throw new TraceError(`header "${header[column - 1]}"`, 'a rate unit in the header of the rate column, e.g. write_MBps or Mbps');
  }
  const rows = lines.length - 1;
  const startsMs = new Float64Array(rows);
  const rates = new Float64Array(rows);
  let firstMs = 0;
  for (let i = 0; i < rows; i++) {
    const cells = cellsOf(lines[i + 1]);
    const where = `line ${i + 2}`;
    if (cells.length < column) throw new TraceError(`${where} with ${cells.length} cell(s)`, `at least ${column}`);
    let t: number;
    try {
      t = stepMs !== null ? i * stepMs : parseTime(cells[0]);
    } catch {
      throw new TraceError(`${where} time "${cells[0]}"`, 'seconds since the start (e.g. 1800) or a duration (e.g. 30m)');
    }
    if (i === 0) firstMs = t;
    t -= firstMs;
    if (i > 0 && !(t > startsMs[i - 1])) throw new TraceError(`${where} time "${cells[0]}"`, 'times that increase from row to row');
    const value = Number(cells[column - 1]);
    if (!RATE_NUMBER.test(cells[column - 1]) || !Number.isFinite(value) || value < 0) {
      throw new TraceError(`${where} rate "${cells[column - 1]}"`, 'a non-negative number');
    }
    startsMs[i] = t;
    rates[i] = value * unitBytesPerS;
  }
  let lastLengthMs: number;
  if (stepMs !== null) lastLengthMs = stepMs;
  else if (rows >= 2) lastLengthMs = startsMs[rows - 1] - startsMs[rows - 2];
  else throw new TraceError('one row and no `step`', 'a `step`, or two rows or more (the last row lasts as long as the one before)');
  return { startsMs, ratesBytesPerS: rates, periodMs: startsMs[rows - 1] + lastLengthMs };
}
