// A streaming 64-bit fingerprint of text (two 32-bit multiply-xorshift lanes), identical in
// Node and the browser because it uses only 32-bit integer arithmetic.

export class Digest64 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  /** Feeds every UTF-16 code unit of `text`, then a newline. */
  addLine(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = Math.imul(h1 ^ 10, 2654435761);
    this.h2 = Math.imul(h2 ^ 10, 1597334677);
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
