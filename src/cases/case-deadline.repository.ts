import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { DeadlineDerivation } from '../calendar/deadline';
import { EntityRead } from '../common/entity-read';
import type { Period } from '../common/period';
import type { DeadlineKind, ServedParty, ServiceChannel } from '../workflow/service-notices';
import { CaseDeadlineRecord } from './case-deadline.entity';
import type { CaseDeadlineData, DeadlineExtension } from './case-deadline.types';

const OF_CASE = new EntityRead(CaseDeadlineRecord, 'WHERE case_id = $1 ORDER BY kind ASC');

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));

/** A `case_deadlines` row as `to_jsonb` writes it (the case list reads them so, in one query). */
export function deadlineFromJson(r: Record<string, unknown>): CaseDeadlineData {
  return {
    caseId: r.case_id as string,
    kind: r.kind as DeadlineKind,
    unit: r.unit as CaseDeadlineData['unit'],
    length: Number(r.length),
    servedParty: r.served_party as ServedParty | null,
    issuedAt: date(r.issued_at)!,
    servedAt: date(r.served_at),
    servedVia: r.served_via as ServiceChannel | null,
    derivation: r.derivation as DeadlineDerivation | null,
    extensions: r.extensions as DeadlineExtension[],
    provisional: Boolean(r.provisional),
    provisionalFlaggedAt: date(r.provisional_flagged_at),
  };
}

/** The SQL of `case_deadlines`. The caller holds the case's row lock for every write. */
@Injectable()
export class CaseDeadlineRepository {
  /** A case's deadlines, by kind: a named read, since every transition loads them twice. */
  forCase(manager: EntityManager, caseId: string): Promise<CaseDeadlineRecord[]> {
    return OF_CASE.many(manager, [caseId]);
  }

  /** A deadline whose notice has gone out: its period is fixed now, its start on delivery. */
  async issue(
    manager: EntityManager,
    d: { caseId: string; kind: DeadlineKind; period: Period; servedParty: ServedParty; at: Date },
  ): Promise<void> {
    await manager.insert(CaseDeadlineRecord, {
      caseId: d.caseId,
      kind: d.kind,
      unit: d.period.unit,
      length: d.period.length,
      servedParty: d.servedParty,
      issuedAt: d.at,
      extensions: [],
      provisional: false,
    });
  }

  /** The notice was delivered; with a derivation the period starts, without it only the service is kept. */
  async serve(
    manager: EntityManager,
    caseId: string,
    kind: DeadlineKind,
    s: { at: Date; via: ServiceChannel; derivation: DeadlineDerivation | null },
  ): Promise<void> {
    await manager.update(
      CaseDeadlineRecord,
      { caseId, kind },
      {
        servedAt: s.at,
        servedVia: s.via,
        derivation: s.derivation,
        provisional: s.derivation?.provisional ?? false,
      },
    );
  }

  /** The term moved by an agreed extension: the new derivation, the old one kept in `extensions`. */
  async extend(
    manager: EntityManager,
    caseId: string,
    kind: DeadlineKind,
    derivation: DeadlineDerivation,
    extensions: DeadlineExtension[],
  ): Promise<void> {
    // A term that becomes provisional by its extension is told to the clerks afresh.
    await manager.update(
      CaseDeadlineRecord,
      { caseId, kind },
      {
        derivation,
        extensions,
        provisional: derivation.provisional,
        provisionalFlaggedAt: null,
      },
    );
  }

  /**
   * Open cases with a provisional deadline the clerks were not told of, locked for the one
   * sweeper that gets them.
   */
  async lockUnflagged(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT c.id FROM cases c
        WHERE c.id IN (SELECT d.case_id FROM case_deadlines d
                        WHERE d.provisional AND d.provisional_flagged_at IS NULL)
          AND c.status IN ('lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures')
        ORDER BY c.id
        LIMIT $1
        FOR UPDATE OF c SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async markFlagged(
    manager: EntityManager,
    caseId: string,
    kinds: DeadlineKind[],
    at: Date,
  ): Promise<void> {
    await manager.update(
      CaseDeadlineRecord,
      { caseId, kind: In(kinds) },
      { provisionalFlaggedAt: at },
    );
  }
}
