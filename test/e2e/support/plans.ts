import { DateTime } from 'luxon';
import type { World } from '../factories';
import type { TestApp } from '../harness';
import { newCase } from '../new-case';

const ZONE = 'Asia/Shanghai';

/** A Beijing day `days` after today (real time: the clock is moved only once the case exists). */
export const beijingDay = (days: number, from = DateTime.now()) =>
  from.setZone(ZONE).plus({ days }).toISODate()!;

/** An instant of a Beijing day: `at('2027-01-15', '09:00:01')`. */
export const beijingAt = (day: string, time: string) =>
  DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toJSDate();

export const shiftDay = (day: string, days: number) =>
  DateTime.fromISO(day, { zone: ZONE }).plus({ days }).toISODate()!;

/** A settled case of two installments of 4000.00, the first due `firstDueDate`. */
export async function settledInTwo(t: TestApp, w: World, firstDueDate: string) {
  const c = await newCase(t, w, { status: 'settled', terms: { installments: 2, firstDueDate } });
  const installments: { id: string; seq: number; due_date: string }[] = await t.dataSource.query(
    `SELECT id, seq, to_char(due_date, 'YYYY-MM-DD') AS due_date
       FROM plan_installments WHERE case_id = $1 ORDER BY seq`,
    [c.id],
  );
  return { c, installments };
}

/** The plan's pending jobs of a task, with when each is to run. */
export const planJobs = async (t: TestApp, task: string) =>
  (await t.dataSource.query(
    `SELECT key, run_at, locked_at FROM graphile_worker.jobs
      WHERE task_identifier = $1 ORDER BY run_at, key`,
    [task],
  )) as { key: string; run_at: Date; locked_at: Date | null }[];

export const outboxKinds = async (t: TestApp, caseId: string, kindPrefix: string) =>
  (await t.dataSource.query(
    `SELECT kind, to_address FROM mail_outbox WHERE case_id = $1 AND kind LIKE $2 ORDER BY kind`,
    [caseId, `${kindPrefix}.%`],
  )) as { kind: string; to_address: string }[];

export const inAppKinds = async (t: TestApp, caseId: string, kindPrefix: string) =>
  (await t.dataSource.query(
    `SELECT kind, user_id FROM notifications WHERE case_id = $1 AND kind LIKE $2 ORDER BY kind`,
    [caseId, `${kindPrefix}.%`],
  )) as { kind: string; user_id: string }[];

export const eventsOf = async (t: TestApp, caseId: string, action: string) =>
  (await t.dataSource.query(
    `SELECT action, from_status, to_status, actor_role, input FROM case_events
      WHERE case_id = $1 AND action = $2 ORDER BY id`,
    [caseId, action],
  )) as {
    action: string;
    from_status: string;
    to_status: string;
    actor_role: string;
    input: Record<string, string | number>;
  }[];
