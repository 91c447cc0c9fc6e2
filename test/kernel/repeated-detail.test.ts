import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventLog, RepeatedDetail } from '../../src/kernel';

describe('RepeatedDetail: a detail PREFIX<value> written and hashed once per value', () => {
  it('makes the same lines and digest as the line written piece by piece, values repeated or not, kept or not', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        // Runs of one value (as a cycle's logs share a close time), values coming back, fractions.
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double({ noNaN: true }), fc.constantFrom(0, 7, 1e9)), fc.nat({ max: 3 })), { maxLength: 12 }),
        (prefix, runs) => {
          const linesOf = (log: EventLog) => log.recent().map((e) => `${e.timeMs} ${e.kind} ${e.subject} ${e.detail}`);
          const written = new EventLog(100);
          const repeated = new EventLog(100);
          const unkept = new EventLog();
          const detail = new RepeatedDetail(prefix);
          const unkeptDetail = new RepeatedDetail(prefix);
          let t = 0;
          for (const [value, extra] of runs) {
            for (let k = 0; k <= extra; k++) {
              t++;
              const subject = `vm${k}`;
              written.line(t, written.word('log-sent'), written.word(subject)).text(prefix).int(value).end();
              repeated.repeatedLine(t, repeated.word('log-sent'), repeated.word(subject), detail, value);
              unkept.repeatedLine(t, unkept.word('log-sent'), unkept.word(subject), unkeptDetail, value);
            }
          }
          expect(linesOf(repeated)).toEqual(linesOf(written));
          expect(repeated.digestHex()).toBe(written.digestHex());
          expect(unkept.digestHex()).toBe(written.digestHex());
          expect(repeated.count).toBe(written.count);
        },
      ),
    );
  });

  it('a value back after another is written anew, not left as the one between', () => {
    const log = new EventLog(10);
    const detail = new RepeatedDetail('t=');
    for (const v of [30_000, 30_000, 60_000, 30_000]) log.repeatedLine(v, log.word('log-sent'), log.word('hv001'), detail, v);
    expect(log.recent().map((e) => e.detail)).toEqual(['t=30000', 't=30000', 't=60000', 't=30000']);
  });
});
