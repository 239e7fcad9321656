export interface Backoff {
  minMs: number;
  maxMs: number;
}

/**
 * How long to wait before try `failures + 1`: doubling from `minMs` up to
 * `maxMs`, each wait drawn from its upper half, so that instances that lost
 * the database together do not all come back at the same instant.
 */
export function backoffDelay(failures: number, { minMs, maxMs }: Backoff): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
