// Specification of data rates: `parseRate` reads bytes-per-second and bits-per-second units into
// bytes per second, telling `Mbps` from `MBps`; `formatRate` / `formatBitRate` write them for humans.
import { describe, it, expect } from 'vitest';
import { formatBitRate, formatRate, parseRate } from '../../src/units';
import { unitErrorOf } from './unit-error-of';

describe('parseRate', () => {
  it.each<[string, number]>([
    ['20MBps', 20_000_000],
    ['512KiBps', 524_288],
    ['100Mbps', 12_500_000],
    ['1Gbps', 125_000_000],
    ['10Gbps', 1_250_000_000],
  ])('reads the spec example %s as %d bytes per second', (text, bytesPerSecond) => {
    expect(parseRate(text)).toBe(bytesPerSecond);
  });

  it.each<[string, number]>([
    ['1Bps', 1],
    ['1KBps', 1_000],
    ['1kBps', 1_000],
    ['1MBps', 1_000_000],
    ['1GBps', 1_000_000_000],
    ['1TBps', 1_000_000_000_000],
    ['1KiBps', 1_024],
    ['1MiBps', 1_048_576],
    ['1GiBps', 1_073_741_824],
    ['1TiBps', 1_099_511_627_776],
    ['8bps', 1],
    ['1bps', 0.125],
    ['1kbps', 125],
    ['1Kbps', 125],
    ['1Mbps', 125_000],
    ['1Gbps', 125_000_000],
    ['1Tbps', 125_000_000_000],
  ])('reads one unit %s as %d bytes per second (bits are divided by 8)', (text, bytesPerSecond) => {
    expect(parseRate(text)).toBe(bytesPerSecond);
  });

  it.each<[string, number]>([
    ['20MB/s', 20_000_000],
    ['5MiB/s', 5_242_880],
    ['64KB/s', 64_000],
    ['64kB/s', 64_000],
    ['1GB/s', 1_000_000_000],
    ['1GiB/s', 1_073_741_824],
    ['100Mbit/s', 12_500_000],
    ['1Gbit/s', 125_000_000],
    ['64kbit/s', 8_000],
    ['8bit/s', 1],
  ])('reads the unambiguous alias %s as %d bytes per second', (text, bytesPerSecond) => {
    expect(parseRate(text)).toBe(bytesPerSecond);
  });

  it.each<[string, number]>([
    ['0Bps', 0],
    ['0Mbps', 0],
    ['1.1Gbps', 137_500_000],
    ['1.5MBps', 1_500_000],
    ['2.5Gbps', 312_500_000],
    ['0.5KiBps', 512],
    ['100 Mbps', 12_500_000],
    ['  20MBps ', 20_000_000],
  ])('reads zero, decimals, one space before the unit and surrounding whitespace: %j = %d', (text, bytesPerSecond) => {
    expect(parseRate(text)).toBe(bytesPerSecond);
  });

  it.each<[unknown, string]>([
    [100, 'found 100, expected a data rate with a unit (100 what?): "100Mbps" for megabits or "100MBps" for megabytes per second'],
    ['100', 'found "100", expected a data rate with a unit (100 what?): "100Mbps" for megabits or "100MBps" for megabytes per second'],
  ])('refuses the bare number %j: "100 what?"', (input, message) => {
    expect(unitErrorOf(() => parseRate(input)).message).toBe(message);
  });

  it('explains Mbps versus MBps when the case is ambiguous', () => {
    expect(unitErrorOf(() => parseRate('100mbps')).message).toBe(
      'found "100mbps", expected a data rate whose unit has the right case (it matters): "100Mbps" for megabits or "100MBps" for megabytes per second',
    );
  });

  it.each<[string, string[]]>([
    ['100mbps', ['"100Mbps" for megabits', '"100MBps" for megabytes']],
    ['100MBPS', ['"100Mbps" for megabits', '"100MBps" for megabytes']],
    ['100MbPs', ['"100Mbps" for megabits', '"100MBps" for megabytes']],
    ['10gbps', ['"10Gbps" for gigabits', '"10GBps" for gigabytes']],
    ['1TBPS', ['"1Tbps" for terabits', '"1TBps" for terabytes']],
    ['100Mb/s', ['"100Mbps" for megabits', '"100MBps" for megabytes']],
    ['100mb', ['"100Mbps" for megabits', '"100MBps" for megabytes']],
    ['100mbit/s', ['"100Mbps" for megabits', '"100MBps" for megabytes']],
    ['100KBPS', ['"100kbps" for kilobits', '"100KBps" for kilobytes']],
    ['5mib/s', ['"5MiBps" for mebibytes', 'right case']],
    ['5MIBPS', ['"5MiBps" for mebibytes', 'right case']],
  ])('refuses the case-ambiguous %s, naming each exact spelling', (text, fragments) => {
    const error = unitErrorOf(() => parseRate(text));
    expect(error.found).toBe(JSON.stringify(text));
    for (const fragment of fragments) expect(error.expected).toContain(fragment);
  });

  it.each<[string, string]>([
    ['20MB', '"20MBps" for megabytes per second'],
    ['1Gb', '"1Gbps" for gigabits per second'],
    ['512KiB', '"512KiBps" for kibibytes per second'],
  ])('refuses the size %s without "per second", suggesting %s', (text, fragment) => {
    const error = unitErrorOf(() => parseRate(text));
    expect(error.expected).toContain('per second');
    expect(error.expected).toContain(fragment);
  });

  it.each<[unknown, string, string]>([
    ['-5MBps', '"-5MBps"', 'zero or more'],
    ['-0Mbps', '"-0Mbps"', 'zero or more'],
    ['+5MBps', '"+5MBps"', 'a data rate such as'],
    ['-100', '"-100"', '-100 what?'],
    ['1e6bps', '"1e6bps"', 'a data rate such as "20MBps" or "100Mbps"'],
    ['100 megabits', '"100 megabits"', 'a data rate such as "20MBps" or "100Mbps"'],
    ['100Mbps/s', '"100Mbps/s"', 'a data rate such as'],
    ['fast', '"fast"', 'a data rate such as'],
    ['', '""', 'a data rate such as'],
    ['Mbps', '"Mbps"', 'a data rate such as'],
    [Number.NaN, 'NaN', 'a data rate such as'],
    [null, 'null', 'a data rate such as'],
    [{ mbps: 100 }, 'a mapping', 'a data rate such as'],
    [[100, 'Mbps'], 'a list of 2 items', 'a data rate such as'],
  ])('refuses %j (found %s) expecting "…%s…"', (input, found, fragment) => {
    const error = unitErrorOf(() => parseRate(input));
    expect(error.found).toBe(found);
    expect(error.expected).toContain(fragment);
  });

  it('lists both families of units in the general expected phrase', () => {
    const { expected } = unitErrorOf(() => parseRate('fast'));
    expect(expected).toBe(
      'a data rate such as "20MBps" or "100Mbps" (bytes per second: Bps, KBps, MBps, GBps, KiBps, MiBps, GiBps; bits per second: bps, kbps, Mbps, Gbps)',
    );
  });
});

describe('formatRate', () => {
  it.each<[number, string]>([
    [0, '0 Bps'],
    [1, '1 Bps'],
    [0.4, '0 Bps'],
    [512, '512 Bps'],
    [999.4, '999 Bps'],
    [999.6, '1.00 KBps'],
    [524_288, '524 KBps'],
    [640_000, '640 KBps'],
    [999_600, '1.00 MBps'],
    [2_000_000, '2.00 MBps'],
    [12_500_000, '12.5 MBps'],
    [125_000_000, '125 MBps'],
    [1_250_000_000, '1.25 GBps'],
    [2_000_000_000_000, '2.00 TBps'],
    [5_000_000_000_000_000, '5000 TBps'],
    [-2_000_000, '-2.00 MBps'],
  ])('writes %d bytes per second as %s (decimal units, three significant digits)', (bytesPerSecond, text) => {
    expect(formatRate(bytesPerSecond)).toBe(text);
  });

  it.each([Number.NaN, Number.NEGATIVE_INFINITY])('refuses %d with a RangeError', (bytesPerSecond) => {
    expect(() => formatRate(bytesPerSecond)).toThrow(RangeError);
  });
});

describe('formatBitRate', () => {
  it.each<[number, string]>([
    [12_500_000, '100 Mbps'],
    [125_000_000, '1 Gbps'],
    [1_250_000_000, '10 Gbps'],
    [187_500_000, '1.5 Gbps'],
    [19_375_000, '155 Mbps'],
    [12_345_678, '98.8 Mbps'],
    [0, '0 bps'],
    [0.125, '1 bps'],
    [125, '1 kbps'],
    [8_000, '64 kbps'],
    [125_000_000_000, '1 Tbps'],
  ])('writes %d bytes per second as the link speed %s', (bytesPerSecond, text) => {
    expect(formatBitRate(bytesPerSecond)).toBe(text);
  });

  it.each(['100Mbps', '1Gbps', '10Gbps', '1.5Gbps', '155Mbps', '64kbps'])(
    'writes a link speed that parseRate reads back: %s',
    (text) => {
      const bytesPerSecond = parseRate(text);
      expect(parseRate(formatBitRate(bytesPerSecond))).toBe(bytesPerSecond);
    },
  );

  it('refuses NaN with a RangeError', () => {
    expect(() => formatBitRate(Number.NaN)).toThrow(RangeError);
  });
});
