import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { Cursor } from '../common/pagination';
import { MediationSession } from './session.entity';
import { toZonedIso } from './session-rules';
import { EntityRead } from '../common/entity-read';
import { caseKeyed } from '../common/entity-prefetch';

const EXCLUSION_VIOLATION = '23P01';
const OVERLAP_CONSTRAINT = 'mediation_sessions_no_overlap';

export interface CalendarRow extends MediationSession {
  caseNumber: string;
}

export interface CalendarQuery {
  mediatorId: string;
  from: Date;
  to: Date;
  limit: number;
  /** After this (startsAt, id), earliest first. */
  after?: Cursor;
}

const isOverlap = (e: unknown) =>
  typeof e === 'object' &&
  e !== null &&
  (e as { code?: string }).code === EXCLUSION_VIOLATION &&
  (e as { constraint?: string }).constraint === OVERLAP_CONSTRAINT;

/** A case's sessions, earliest first: read on every view of the case page. */
const OF_CASE = caseKeyed(
  new EntityRead(MediationSession, 'WHERE case_id = $1 ORDER BY starts_at, id'),
);

@Injectable()
export class SessionRepository {
  /** The case's booked session, locked; at most one exists (a unique partial index). */
  lockScheduled(manager: EntityManager, caseId: string): Promise<MediationSession | null> {
    return manager.findOne(MediationSession, {
      where: { caseId, status: 'scheduled' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockById(manager: EntityManager, id: string): Promise<MediationSession | null> {
    return manager.findOne(MediationSession, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findById(manager: EntityManager, id: string): Promise<MediationSession | null> {
    return manager.findOneBy(MediationSession, { id });
  }

  insert(manager: EntityManager, session: Partial<MediationSession>): Promise<MediationSession> {
    return manager.save(MediationSession, manager.create(MediationSession, session));
  }

  async update(
    manager: EntityManager,
    id: string,
    values: Partial<MediationSession>,
  ): Promise<void> {
    await manager.update(MediationSession, id, values);
  }

  listForCase(manager: EntityManager, caseId: string): Promise<MediationSession[]> {
    return OF_CASE.many(manager, [caseId]);
  }

  /**
   * A mediator's sessions that are not cancelled and overlap [from, to), earliest first; the
   * exclusion constraint's GiST index serves the range test.
   */
  async calendar(manager: EntityManager, q: CalendarQuery): Promise<CalendarRow[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT s.id, s.case_id, s.mediator_id, s.starts_at, s.ends_at, s.mode, s.location,
              s.meeting_url, s.status, s.minutes, s.sequence, s.cancel_reason, s.reminded_at,
              s.created_at, s.updated_at, c.case_number
         FROM mediation_sessions s
         JOIN cases c ON c.id = s.case_id
        WHERE s.mediator_id = $1
          AND s.status <> 'cancelled'
          AND tstzrange(s.starts_at, s.ends_at, '[)') && tstzrange($2, $3, '[)')
          AND ($4::timestamptz IS NULL OR (s.starts_at, s.id) > ($4::timestamptz, $5::uuid))
        ORDER BY s.starts_at, s.id
        LIMIT $6`,
      [q.mediatorId, q.from, q.to, q.after?.at ?? null, q.after?.id ?? null, q.limit + 1],
    );
    return rows.map((r) => ({
      ...manager.create(MediationSession, {
        id: r.id as string,
        caseId: r.case_id as string,
        mediatorId: r.mediator_id as string,
        startsAt: r.starts_at as Date,
        endsAt: r.ends_at as Date,
        mode: r.mode as MediationSession['mode'],
        location: r.location as string | null,
        meetingUrl: r.meeting_url as string | null,
        status: r.status as MediationSession['status'],
        minutes: r.minutes as string | null,
        sequence: r.sequence as number,
        cancelReason: r.cancel_reason as string | null,
        remindedAt: r.reminded_at as Date | null,
        createdAt: r.created_at as Date,
        updatedAt: r.updated_at as Date,
      }),
      caseNumber: r.case_number as string,
    }));
  }

  /** The first session of the mediator, other than `exceptId`, that overlaps the slot. */
  async findOverlap(
    manager: EntityManager,
    mediatorId: string,
    startsAt: Date,
    endsAt: Date,
    exceptId: string | null,
  ): Promise<{ startsAt: Date; endsAt: Date } | null> {
    const rows: { starts_at: Date; ends_at: Date }[] = await manager.query(
      `SELECT starts_at, ends_at FROM mediation_sessions
        WHERE mediator_id = $1 AND status <> 'cancelled'
          AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')
          AND ($4::uuid IS NULL OR id <> $4::uuid)
        ORDER BY starts_at LIMIT 1`,
      [mediatorId, startsAt, endsAt, exceptId],
    );
    return rows[0] ? { startsAt: rows[0].starts_at, endsAt: rows[0].ends_at } : null;
  }

  /**
   * Runs an insert or update of a session's time under a savepoint, so that when PostgreSQL's
   * exclusion constraint refuses it (the mediator is booked then, perhaps by a request that
   * committed a moment ago on another case) the transaction is still usable to look up the
   * conflicting session and answer 409 naming its time.
   */
  async claimSlot<T>(
    manager: EntityManager,
    slot: { mediatorId: string; startsAt: Date; endsAt: Date; sessionId: string | null },
    write: () => Promise<T>,
  ): Promise<T> {
    await manager.query('SAVEPOINT session_slot');
    try {
      const result = await write();
      await manager.query('RELEASE SAVEPOINT session_slot');
      return result;
    } catch (e) {
      if (!isOverlap(e)) throw e;
      await manager.query('ROLLBACK TO SAVEPOINT session_slot');
      const other = await this.findOverlap(
        manager,
        slot.mediatorId,
        slot.startsAt,
        slot.endsAt,
        slot.sessionId,
      );
      const when = other ? `${toZonedIso(other.startsAt)} – ${toZonedIso(other.endsAt)}` : null;
      throw new AppError(
        'SESSION_CONFLICT',
        when
          ? `the mediator already has a session from ${when}`
          : 'the mediator already has a session at that time',
        {
          conflict: other
            ? { startsAt: toZonedIso(other.startsAt), endsAt: toZonedIso(other.endsAt) }
            : null,
        },
      );
    }
  }
}
