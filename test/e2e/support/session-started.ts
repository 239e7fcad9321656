import type { TestApp } from '../harness';

const HOUR = 3_600_000;
let moved = 0;

/**
 * Moves the case's booked session into the past, with SQL (no API books a session there), so
 * that it has started and the mediator may draft the agreement. Every moved session gets a
 * past hour of its own, so one mediator's sessions still never overlap.
 */
export async function startSession(t: TestApp, caseId: string): Promise<void> {
  const start = Math.floor((Date.now() - HOUR - moved++ * 2 * HOUR) / 1000) * 1000;
  // TypeORM answers an UPDATE with [rows, affected].
  const [, affected]: [unknown[], number] = await t.dataSource.query(
    `UPDATE mediation_sessions SET starts_at = $2, ends_at = $3
      WHERE case_id = $1 AND status = 'scheduled'`,
    [caseId, new Date(start), new Date(start + HOUR)],
  );
  if (affected !== 1) throw new Error(`case ${caseId} has no booked session to start`);
}
