// A streaming 64-bit fingerprint of text (two 32-bit multiply-xorshift lanes), identical in
// Node and the browser because it uses only 32-bit integer arithmetic.

export class Digest64 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /** Feeds the UTF-16 code units of `text` two at a time (one 32-bit word), then a newline. */
  addLine(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    const n = text.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ w, 2654435761);
      h2 = Math.imul(h2 ^ w, 1597334677);
    }
    // The newline, packed with the last code unit when the length is odd.
    const last = i < n ? text.charCodeAt(i) | (10 << 16) : 10;
    this.h1 = Math.imul(h1 ^ last, 2654435761);
    this.h2 = Math.imul(h2 ^ last, 1597334677);
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
