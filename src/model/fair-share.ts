// Max-min fair sharing of one capacity among flows (water-filling): a flow that needs less
// than an equal share gets what it needs, and what it leaves is split among the others.

/**
 * Writes into `out[i]` the max-min fair rate of flow i given `demands[i]` (≥ 0, may be
 * Infinity) and `capacity`, with `greedy` more flows of unlimited demand sharing too.
 * Returns the share every unsatisfied flow (and each greedy one) gets, or Infinity when all
 * are satisfied. Passes over the still-unsatisfied flows, each satisfying those under the
 * current equal share, until none is (no sort: a handful of passes in practice).
 * `scratch` holds at least demands.length entries.
 */
export function waterFill(
  capacity: number,
  demands: ArrayLike<number>,
  out: Float64Array | number[],
  scratch?: Int32Array,
  greedy = 0,
): number {
  const n = demands.length;
  if (greedy === 0) {
    let total = 0;
    for (let i = 0; i < n; i++) total += demands[i];
    if (total <= capacity) {
      for (let i = 0; i < n; i++) out[i] = demands[i];
      return Infinity;
    }
  }
  const active = scratch && scratch.length >= n ? scratch : new Int32Array(n);
  for (let i = 0; i < n; i++) active[i] = i;
  let count = n;
  let remaining = capacity;
  for (;;) {
    const share = count + greedy > 0 ? remaining / (count + greedy) : 0;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = active[k];
      const d = demands[i];
      if (d <= share) {
        out[i] = d;
        remaining -= d;
      } else {
        active[kept++] = i;
      }
    }
    if (kept === count || kept + greedy === 0) {
      const finalShare = kept + greedy === 0 ? Infinity : remaining / (kept + greedy);
      for (let k = 0; k < kept; k++) out[active[k]] = finalShare;
      return finalShare;
    }
    count = kept;
  }
}
