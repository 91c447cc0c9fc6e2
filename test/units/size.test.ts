// Specification of sizes: `parseSize` reads decimal (KB..PB) and binary (KiB..PiB) sizes into
// whole bytes and refuses bare numbers and ambiguous case; `formatSize` writes binary units.
import { describe, it, expect } from 'vitest';
import { formatSize, parseSize } from '../../src/units';
import { unitErrorOf } from './unit-error-of';

describe('parseSize', () => {
  it.each<[string, number]>([
    ['512B', 512],
    ['10KB', 10_000],
    ['64MB', 64_000_000],
    ['128GiB', 137_438_953_472],
    ['1TiB', 1_099_511_627_776],
    ['1.5TB', 1_500_000_000_000],
  ])('reads the spec example %s as %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each<[string, number]>([
    ['1B', 1],
    ['1KB', 1_000],
    ['1kB', 1_000],
    ['1MB', 1_000_000],
    ['1GB', 1_000_000_000],
    ['1TB', 1_000_000_000_000],
    ['1PB', 1_000_000_000_000_000],
    ['1KiB', 1_024],
    ['1MiB', 1_048_576],
    ['1GiB', 1_073_741_824],
    ['1TiB', 1_099_511_627_776],
    ['1PiB', 1_125_899_906_842_624],
  ])('reads one %s as %i bytes (KB..PB powers of 1000, KiB..PiB powers of 1024)', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each<[string, number]>([
    ['0B', 0],
    ['0GiB', 0],
    ['0.5KiB', 512],
    ['1.1GB', 1_100_000_000],
    ['1.0005KB', 1_001],
    ['1.0004KB', 1_000],
    ['2.5B', 3],
    ['0.1B', 0],
    ['10 GB', 10_000_000_000],
    ['  64MB ', 64_000_000],
    ['7.99PiB', 8_995_940_255_672_566], // 7.99 × 2^50 = 8 995 940 255 672 565.76,
  ])('reads decimals exactly, rounding to the nearest byte (halves up): %j = %i', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each<[unknown, string]>([
    [100, '100 what?'],
    ['100', '100 what?'],
    ['1.5', '1.5 what?'],
    [' -2 ', '-2 what?'],
  ])('refuses the bare number %j: "what?"', (input, fragment) => {
    const error = unitErrorOf(() => parseSize(input));
    expect(error.expected).toContain('a size with a unit');
    expect(error.expected).toContain(fragment);
  });

  it.each<[unknown, string, string[]]>([
    ['10kb', '"10kb"', ['"10KB"', 'case', 'bits']],
    ['10mb', '"10mb"', ['"10MB"', 'case', 'bits']],
    ['10Mb', '"10Mb"', ['"10MB"', 'bits']],
    ['1tb', '"1tb"', ['"1TB"', 'bits']],
    ['10gib', '"10gib"', ['"10GiB"', 'case']],
    ['10GIB', '"10GIB"', ['"10GiB"', 'case']],
    ['128Gi', '"128Gi"', ['"128GiB"', '"B" for bytes']],
    ['10G', '"10G"', ['"10GB"', '"B" for bytes']],
    ['10MBps', '"10MBps"', ['not a rate', '"10GB"']],
    ['10MB/s', '"10MB/s"', ['not a rate']],
    ['-1GB', '"-1GB"', ['zero or more']],
    ['- 1GB', '"- 1GB"', ['a size such as']],
    ['+1GB', '"+1GB"', ['a size such as']],
    ['8PiB', '"8PiB"', ['under 8 PiB']],
    ['1e3B', '"1e3B"', ['a size such as "512B"']],
    ['5 bytes', '"5 bytes"', ['a size such as "512B"', 'KiB, MiB, GiB']],
    ['10  GB', '"10  GB"', ['a size such as']],
    ['GB', '"GB"', ['a size such as']],
    ['1.5.5GB', '"1.5.5GB"', ['a size such as']],
    ['.5GB', '".5GB"', ['a size such as']],
    ['', '""', ['a size such as']],
    ['NaN', '"NaN"', ['a size such as']],
    [Number.NaN, 'NaN', ['a size such as']],
    [null, 'null', ['a size such as']],
    [false, 'false', ['a size such as']],
    [{ gib: 128 }, 'a mapping', ['a size such as']],
  ])('refuses %j (found %s) with a helpful expected phrase', (input, found, fragments) => {
    const error = unitErrorOf(() => parseSize(input));
    expect(error.found).toBe(found);
    for (const fragment of fragments) expect(error.expected).toContain(fragment);
  });

  it('explains lower-case units in full', () => {
    expect(unitErrorOf(() => parseSize('10mb')).message).toBe(
      'found "10mb", expected a size with the unit\'s case exact, "10MB" (units are case-sensitive; a lower-case "b" means bits)',
    );
  });
});

describe('formatSize', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [1, '1 B'],
    [512, '512 B'],
    [1_023, '1023 B'],
    [1_023.6, '1.00 KiB'],
    [1_024, '1.00 KiB'],
    [1_536, '1.50 KiB'],
    [10_240, '10.0 KiB'],
    [536_870_912, '512 MiB'],
    [1_048_576_000, '1000 MiB'],
    [1_073_636_966.4, '1.00 GiB'],
    [1_610_612_736, '1.50 GiB'],
    [10_733_123_272.704, '10.0 GiB'],
    [64_424_509_440, '60.0 GiB'],
    [137_438_953_472, '128 GiB'],
    [104_816_762.88, '100 MiB'],
    [1_500_000_000_000, '1.36 TiB'],
    [2 ** 50, '1.00 PiB'],
    [2 ** 60, '1024 PiB'],
    [-1_536, '-1.50 KiB'],
  ])('writes %d bytes as %s (binary units, three significant digits)', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %d with a RangeError', (bytes) => {
    expect(() => formatSize(bytes)).toThrow(RangeError);
  });

  it.each([0, 512, 1_536, 536_870_912, 1_610_612_736, 64_424_509_440, 137_438_953_472])(
    'writes text that parseSize reads back exactly for %i bytes',
    (bytes) => {
      expect(parseSize(formatSize(bytes))).toBe(bytes);
    },
  );
});
