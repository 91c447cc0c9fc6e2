import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestOfLines, EventLog, IntDetailShape } from '../../src/kernel';

/** The line `log.line(...).text(...).int(...)...end()` makes, as text (through a sink). */
function written(build: (log: EventLog) => void): { line: string; digest: string } {
  const lines: string[] = [];
  const log = new EventLog(0, (_entry, line) => lines.push(line));
  build(log);
  return { line: lines[0], digest: log.digestHex() };
}

describe('LogLineWriter: a line written piece by piece', () => {
  it('writes integers exactly as String() does, signs, zeros and 9-digit boundaries included', () => {
    const values = [0, -0, 7, -7, 9, 10, 99, 100, 999_999_999, 1e9, 1e9 + 1, 1_000_000_007, 2 ** 31, -(2 ** 31) - 1, 12_345_678_901_234, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (const x of values) {
      const { line } = written((log) => log.line(1, log.word('k'), log.word('s')).text('n=').int(x).end());
      expect(line).toBe(`1 k s n=${x}`);
    }
  });

  it('anything but a safe integer goes through String(): fractions, NaN, infinities, beyond 2^53', () => {
    for (const x of [0.5, -1.25, NaN, Infinity, -Infinity, 2 ** 60, 1e21, 1.5e300]) {
      const { line } = written((log) => log.line(1, log.word('k'), log.word('s')).int(x).end());
      expect(line).toBe(`1 k s ${String(x)}`);
    }
  });

  it('gives the digest of the same canonical text, whether or not anyone keeps the lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 12 }), fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.string({ maxLength: 40 })), { maxLength: 20 }),
        (rows) => {
          const plain = new EventLog();
          const kept = new EventLog(4, () => {});
          const texts: string[] = [];
          for (const [t, a, x, b] of rows) {
            for (const log of [plain, kept]) log.line(t, log.word('kind'), log.word('subject')).text(a).int(x).text(b).end();
            texts.push(`${t} kind subject ${a}${x}${b}`);
          }
          expect(plain.digestHex()).toBe(digestOfLines(texts));
          expect(kept.digestHex()).toBe(plain.digestHex());
          expect(kept.recent().map((e) => `${e.timeMs} ${e.kind} ${e.subject} ${e.detail}`)).toEqual(texts.slice(-4));
        },
      ),
    );
  });

  it('an empty detail is the line without one; long details grow the buffer', () => {
    const log = new EventLog();
    log.line(3, log.word('run'), log.word('end')).end();
    const long = 'x'.repeat(10_000);
    log.line(4, log.word('note'), log.word('n')).text(long).int(42).end();
    expect(log.digestHex()).toBe(digestOfLines(['3 run end', `4 note n ${long}42`]));
    expect(log.count).toBe(2);
  });

  it('kept words hash as the same words given as text, past the cache of words too, and stay one word', () => {
    const kept = new EventLog();
    const plain = new EventLog();
    const churn = kept.word('churn');
    // More distinct subjects than the digest caches (65,536): kept words still carry their own hashes.
    for (let i = 0; i < 70_000; i++) {
      const subject = `vm${i}`;
      kept.line(i, churn, kept.word(subject)).text('rate=').int(i).end();
      plain.record(i, 'churn', subject, `rate=${i}`);
    }
    kept.line(1, kept.word('vm5'), kept.word('vm69999')).end();
    plain.record(1, 'vm5', 'vm69999');
    // Kind and subject both new past the cache: the plain log hashes both afresh, neither overwriting the other.
    kept.line(2, kept.word('kindX'), kept.word('subjY')).end();
    plain.record(2, 'kindX', 'subjY');
    expect(kept.digestHex()).toBe(plain.digestHex());
    expect(() => kept.word('two words')).toThrow(/one word/);
  });

  it('a line begun and never ended is an error at the next one, not a silent mix of two lines', () => {
    const log = new EventLog();
    log.line(1, log.word('a'), log.word('b')).text('half');
    expect(() => log.line(2, log.word('c'), log.word('d'))).toThrow(/never ended/);
  });
});

describe('IntDetailShape: the hottest lines, fixed texts around whole numbers', () => {
  const numbers = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 31 }),
    fc.integer({ min: 0, max: 1e15 - 1 }),
    fc.constantFrom(0, -0, 9, 10, 4_294_967_295, 4_294_967_296, 1e15 - 1),
    // Beyond the shape (a sign, a fraction, 16 digits, not a number): the line goes the long way.
    fc.constantFrom(-1, -(2 ** 40), 0.5, 1e15, 2 ** 53 - 1, NaN, Infinity),
  );

  it('gives the line and digest its text gives, one number or two, kept or not', () => {
    const one = new IntDetailShape(['rate=', '']);
    const two = new IntDetailShape(['log=', ' sent=', ' crash']);
    const bare = new IntDetailShape(['', ' bytes', '']);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), numbers, numbers), { maxLength: 12 }), (rows) => {
        const plain = new EventLog();
        const kept = new EventLog(64, () => {});
        const texts: string[] = [];
        for (const [t, x, y] of rows) {
          for (const log of [plain, kept]) {
            log.intLine1(t, log.word('churn'), log.word('d1'), one, x);
            log.intLine2(t, log.word('log-send'), log.word('vm1'), two, x, y);
            log.intLine2(t, log.word('n'), log.word('vm2'), bare, x, y);
          }
          texts.push(`${t} churn d1 rate=${x}`, `${t} log-send vm1 log=${x} sent=${y} crash`, `${t} n vm2 ${x} bytes${y}`);
        }
        expect(plain.digestHex()).toBe(digestOfLines(texts));
        expect(kept.digestHex()).toBe(plain.digestHex());
        expect(kept.recent().map((e) => `${e.timeMs} ${e.kind} ${e.subject} ${e.detail}`)).toEqual(texts.slice(-64));
        expect(plain.count).toBe(texts.length);
      }),
      { numRuns: 200 },
    );
  });

  it('takes no texts with digits, and no empty text between two numbers (they would read as one)', () => {
    expect(() => new IntDetailShape(['v2=', ''])).toThrow(/digits/);
    expect(() => new IntDetailShape(['a=', '', ' b'])).toThrow(/between two numbers/);
    expect(() => new IntDetailShape(['a='])).toThrow(/at least one number/);
    // A shape of one number given two (or the reverse) is a mistake in the caller.
    const log = new EventLog();
    expect(() => log.intLine2(1, log.word('k'), log.word('s'), new IntDetailShape(['x=', '']), 5, 6)).toThrow(/made for 1 number, given 2/);
    expect(() => log.intLine1(1, log.word('k'), log.word('s'), new IntDetailShape(['x=', ' y=', '']), 5)).toThrow(/made for 2 numbers, given 1/);
  });
});
