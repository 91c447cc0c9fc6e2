// Max-min fair sharing of one capacity among flows (water-filling): a flow that needs less
// than an equal share gets what it needs, and what it leaves is split among the others.

/**
 * Writes into `out[i]` the max-min fair rate of flow i given `demands[i]` (≥ 0, may be
 * Infinity) and `capacity`. `order` is scratch space of at least demands.length entries.
 * Returns the total allocated.
 */
export function waterFill(capacity: number, demands: ArrayLike<number>, out: Float64Array | number[], order?: Int32Array): number {
  const n = demands.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += demands[i];
  if (total <= capacity) {
    for (let i = 0; i < n; i++) out[i] = demands[i];
    return total;
  }
  const idx = order && order.length >= n ? order : new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const sorted = idx.subarray(0, n).sort((a, b) => demands[a] - demands[b] || a - b);
  let remaining = capacity;
  let allocated = 0;
  for (let k = 0; k < n; k++) {
    const i = sorted[k];
    const share = remaining / (n - k);
    if (demands[i] <= share) {
      out[i] = demands[i];
      remaining -= demands[i];
      allocated += demands[i];
    } else {
      for (let m = k; m < n; m++) out[sorted[m]] = share;
      allocated += share * (n - k);
      break;
    }
  }
  return allocated;
}
