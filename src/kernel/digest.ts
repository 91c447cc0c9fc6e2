// A streaming 64-bit fingerprint of text (two 32-bit multiply-xorshift lanes), identical in
// Node and the browser because it uses only 32-bit integer arithmetic. A line may be fed in
// pieces (text, single characters): the fingerprint is the one of the whole line.

const M1 = 2654435761;
const M2 = 1597334677;
const NEWLINE = 10;

export class Digest64 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  /** A code unit of the current line waiting for its pair (-1: none). */
  private pending = -1;

  /** Feeds the UTF-16 code units of `text` two at a time (one 32-bit word), then a newline. */
  addLine(text: string): void {
    this.addText(text);
    this.endLine();
  }

  /** Feeds part of the current line. */
  addText(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let h1 = this.h1;
    let h2 = this.h2;
    let i = 0;
    if (this.pending >= 0) {
      const w = this.pending | (text.charCodeAt(0) << 16);
      h1 = Math.imul(h1 ^ w, M1);
      h2 = Math.imul(h2 ^ w, M2);
      i = 1;
    }
    for (; i + 1 < n; i += 2) {
      const w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ w, M1);
      h2 = Math.imul(h2 ^ w, M2);
    }
    this.pending = i < n ? text.charCodeAt(i) : -1;
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Feeds one code unit of the current line. */
  addChar(code: number): void {
    if (this.pending < 0) {
      this.pending = code;
      return;
    }
    const w = this.pending | (code << 16);
    this.h1 = Math.imul(this.h1 ^ w, M1);
    this.h2 = Math.imul(this.h2 ^ w, M2);
    this.pending = -1;
  }

  /** Ends the current line with a newline (packed with a pending code unit). */
  endLine(): void {
    const last = this.pending >= 0 ? this.pending | (NEWLINE << 16) : NEWLINE;
    this.h1 = Math.imul(this.h1 ^ last, M1);
    this.h2 = Math.imul(this.h2 ^ last, M2);
    this.pending = -1;
  }

  /** 16 lowercase hex digits; does not change the state, so more lines may follow. */
  hex(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}

/** The digest of a whole text, line by line. */
export function digestOfLines(lines: Iterable<string>): string {
  const d = new Digest64();
  for (const line of lines) d.addLine(line);
  return d.hex();
}
