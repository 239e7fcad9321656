import { Client } from 'pg';
import { AGREEMENT_CASES, completeOrganizations, walkToSigned } from './agreement-seed';
import type { Fixtures } from './fixtures';

/** How many confirmations the lock-hold measurement takes (each a fresh case, walked first). */
export const LOCK_HOLD_CASES = 5;

export interface LockHoldBench {
  /** Per confirmation: how long, seen from outside, the case's row lock was held. */
  lockHoldMs: number[];
  /** Per confirmation: the round trip of `confirm_agreement` (render, seal, store, commit). */
  roundTripMs: number[];
  /** The longest wait between two probes: no hold shorter than this can be seen. */
  probeResolutionMs: number;
}

const LOCK_NOT_AVAILABLE = '55P03';
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * issue 15: "the sealed PDF is rendered outside the case's row lock or within 100 ms of it".
 * While the mediator's confirmation runs, a second connection keeps trying the same row lock
 * with `FOR UPDATE NOWAIT` (each try one autocommit statement, so it holds the lock for no
 * longer than the statement). The longest run of refused tries is how long the service held the
 * lock. The render and seal happen before the lock, so the hold is a small part of the round trip.
 */
export async function benchLockHold(
  serviceUrl: string,
  databaseUrl: string,
  f: Fixtures,
): Promise<LockHoldBench> {
  await completeOrganizations(serviceUrl, f);
  const probe = new Client({ connectionString: databaseUrl });
  await probe.connect();
  const result: LockHoldBench = { lockHoldMs: [], roundTripMs: [], probeResolutionMs: 0 };
  try {
    for (let i = 0; i < LOCK_HOLD_CASES; i++) {
      const signed = await walkToSigned(serviceUrl, databaseUrl, f, AGREEMENT_CASES + i);
      let done = false;
      let blockedSince: number | null = null;
      let longest = 0;
      let slowestProbe = 0;
      const probing = (async () => {
        while (!done) {
          const at = performance.now();
          try {
            await probe.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE NOWAIT', [signed.id]);
            if (blockedSince !== null) longest = Math.max(longest, at - blockedSince);
            blockedSince = null;
          } catch (e) {
            if ((e as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw e;
            blockedSince ??= at;
          }
          slowestProbe = Math.max(slowestProbe, performance.now() - at);
        }
      })();
      const start = performance.now();
      const confirmed = await signed.confirm();
      result.roundTripMs.push(round(performance.now() - start));
      done = true;
      await probing;
      if (blockedSince !== null) longest = Math.max(longest, performance.now() - blockedSince);
      if (confirmed.status !== 'settled') {
        throw new Error(`case ${signed.id} is ${String(confirmed.status)} after confirmation`);
      }
      result.lockHoldMs.push(round(longest));
      result.probeResolutionMs = round(Math.max(result.probeResolutionMs, slowestProbe));
    }
  } finally {
    await probe.end();
  }
  return result;
}
