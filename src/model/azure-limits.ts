// Azure Site Recovery's documented churn limits (model.md § 2): per VM, and per disk by disk
// type, size and I/O size, for normal and high churn.
import type { Disk } from '../scenario';

const MB = 1_000_000;
const KiB = 1024;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

/** Per-VM data change limit: 54 MB/s, or 100 MB/s with high churn [doc]. */
export function perVmLimitBytesPerS(highChurn: boolean): number {
  return (highChurn ? 100 : 54) * MB;
}

/** The row of a table for an I/O size: the largest listed size not above it (the first below the first). */
function byIoSize(ioSizeBytes: number, table: readonly [number, number][]): number {
  let value = table[0][1];
  for (const [size, mbps] of table) if (ioSizeBytes >= size * KiB) value = mbps;
  return value * MB;
}

/**
 * The documented per-disk limit [doc]. Premium disks between 256 GiB and 512 GiB are billed
 * as P20, so they take the P20–P50 row; high churn on premium disks under 128 GiB takes the
 * 128 GiB–1 TiB row (nothing is published for them) [drsim].
 */
export function perDiskLimitBytesPerS(disk: Disk, highChurn: boolean): number {
  if (disk.limitBytesPerS !== null) return disk.limitBytesPerS;
  const premium = disk.type === 'premium-ssd';
  if (!highChurn) {
    if (!premium) return 2 * MB;
    if (disk.sizeBytes <= 256 * GiB) return byIoSize(disk.ioSizeBytes, [[8, 2], [16, 4], [32, 8]]);
    return byIoSize(disk.ioSizeBytes, [[8, 5], [16, 20]]);
  }
  if (!premium) return byIoSize(disk.ioSizeBytes, [[8, 2], [16, 4], [24, 6], [32, 8]]);
  if (disk.sizeBytes >= TiB) return byIoSize(disk.ioSizeBytes, [[8, 20], [16, 35], [24, 50]]);
  return byIoSize(disk.ioSizeBytes, [[8, 10], [16, 20], [24, 30]]);
}
