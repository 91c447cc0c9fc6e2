// Shared links: a scenario survives the trip through the URL hash, and damaged or oversized
// (zip-bomb) hashes are refused with a message instead of hanging or crashing.
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, MAX_SHARED_BYTES } from '../../src/ui/share-url';

describe('share-url', () => {
  it('round-trips scenario text, unicode included, into URL-safe characters', async () => {
    const text = `drsim: 1\nname: "Región — prueba ✓"\n${'vms: []\n'.repeat(200)}`;
    const encoded = await encodeScenario(text);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(text.length / 4);
    expect(await decodeScenario(encoded)).toBe(text);
  });

  it('refuses a damaged hash', async () => {
    await expect(decodeScenario('AAAA!!')).rejects.toThrow(/damaged/);
    await expect(decodeScenario('SGVsbG8')).rejects.toThrow(/damaged/);
  });

  it('refuses a hash that inflates beyond the cap', async () => {
    const bomb = await encodeScenario('a'.repeat(MAX_SHARED_BYTES + 1024));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(decodeScenario(bomb)).rejects.toThrow(/larger than 2 MiB/);
  });
});
