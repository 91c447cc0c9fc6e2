import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestOfLines, EventLog, FixedText } from '../../src/kernel';

/** A piece of a line's detail: text, an integer, or fixed text. */
type Piece = { text: string } | { int: number } | { fixed: string };

const digitsHeavy = fc.string({ unit: fc.constantFrom('0', '1', '7', '9', 'a', ' ', '=', '-', '.', 'é'), maxLength: 24 });
const piece: fc.Arbitrary<Piece> = fc.oneof(
  digitsHeavy.map((text) => ({ text })),
  fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger(), fc.maxSafeNat(), fc.constantFrom(0, -0, 1e15 - 1, 1e15, 123456789012345, 2 ** 53 - 1), fc.double()).map((int) => ({ int })),
  digitsHeavy.map((fixed) => ({ fixed })),
);

function write(log: EventLog, t: number, pieces: Piece[]): void {
  const line = log.line(t, log.word('kind'), log.word('subject'));
  for (const p of pieces) {
    if ('text' in p) line.text(p.text);
    else if ('int' in p) line.int(p.int);
    else line.fixed(new FixedText(p.fixed));
  }
  line.end();
}

function textOf(p: Piece): string {
  return 'text' in p ? p.text : 'int' in p ? String(p.int) : p.fixed;
}

describe('the detail hash: integers as values, text runs as code units, the same as the text', () => {
  it('a line written from pieces hashes as its text, whatever the pieces run into (digits after digits, digits in text, 16-digit runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 8 }), { maxLength: 6 }), (lines) => {
        const plain = new EventLog();
        const kept = new EventLog(100);
        const texts: string[] = [];
        lines.forEach((pieces, t) => {
          write(plain, t, pieces);
          write(kept, t, pieces);
          texts.push(`${t} kind subject ${pieces.map(textOf).join('')}`);
        });
        expect(plain.digestHex()).toBe(digestOfLines(texts));
        expect(kept.digestHex()).toBe(plain.digestHex());
        expect(kept.recent().map((e) => `${e.timeMs} ${e.kind} ${e.subject} ${e.detail}`)).toEqual(texts);
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart what a hash of values could confuse: leading zeros, where a run of digits splits, digits against text', () => {
    const details = ['7', '07', '007', '70', '1 2', '12', 'a1b', 'a01b', 'a1 b', '123456789012345', '1234567890123456', '123456789012345 6', '1234567890123456a', 'x', 'x0', '0x', '', ' ', 't=300000', 't=300001', 't300000'];
    const digests = new Set(details.map((d) => digestOfLines([`1 k s ${d}`])));
    expect(digests.size).toBe(details.length);
  });
});
