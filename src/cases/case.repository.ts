import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityNotFoundError } from 'typeorm';
import type { Principal } from '../access/principal';
import { principalScope } from '../access/principal';
import { caseFromListRow, caseListQuery, caseReadQuery } from './case-list.query';
import type { CaseListFilter } from './case-list.query';
import { caseVisibility, parameters } from './case-visibility';
import { CaseConsent } from './case-consent.entity';
import { CaseDeadlineRepository } from './case-deadline.repository';
import { CaseRecord } from './case.entity';
import { EntityRead } from '../common/entity-read';
import { queryNamed } from '../common/prepared-statement';

/** A case whose deadline passed at `$1`, one the sweeper acts on. */
const OVERDUE = `((status = 'lender_notified' AND lender_response_due_at <= $1)
           OR (status IN ('lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures')
               AND mediation_due_at <= $1))`;

/** The case row with the parties and centre a transition's effects read, as entities. */
const wholeCase = (tail: string) =>
  new EntityRead(CaseRecord, tail, {
    alias: 'c',
    relations: ['borrower', 'lenderOrganization', 'mediationCenter', 'mediator'],
  });
const BY_ID = wholeCase('WHERE c.id = $1');
const LOCKED_BY_ID = wholeCase('WHERE c.id = $1 FOR UPDATE OF c');
const LOCKED = new Map<string, EntityRead<CaseRecord>>();

/** What the sweeper does to a case whose deadline passed. */
export type DeadlineAction = 'expire_lender_response' | 'expire_term';

/** The SQL of the `cases` table. Who may see a case is decided in each query (caseVisibility). */
@Injectable()
export class CaseRepository {
  constructor(private readonly deadlines: CaseDeadlineRepository) {}

  private readonly shared = new AsyncLocalStorage<
    Map<string, Promise<Record<string, unknown>[]>>
  >();

  /**
   * Runs `read` with its case reads shared: a page that shows what several services answer
   * (`/cases/:id` reads seven) sends each caller's visibility read of a case once, not once per
   * service. Each service still asks, with its own rule, and gets its own copy of the row. Only
   * reads outside a transaction are shared, and only for as long as `read` runs.
   */
  shareReads<T>(read: () => Promise<T>): Promise<T> {
    return this.shared.run(new Map(), read);
  }

  /** A case the caller may see, with the few related fields a response shows; null otherwise. */
  async findVisible(manager: EntityManager, p: Principal, id: string): Promise<CaseRecord | null> {
    const rows = await this.readVisible(manager, p, id);
    return rows.length ? caseFromListRow(rows[0]) : null;
  }

  private readVisible(
    manager: EntityManager,
    p: Principal,
    id: string,
  ): Promise<Record<string, unknown>[]> {
    const { sql, params } = caseReadQuery(p, id);
    const shared = manager.queryRunner ? undefined : this.shared.getStore();
    if (!shared) return queryNamed(manager, sql, params);
    const key = `${principalScope(p)}:${p.role}:${id}`;
    let rows = shared.get(key);
    if (!rows) shared.set(key, (rows = queryNamed(manager, sql, params)));
    return rows;
  }

  /**
   * Locks the case row for a transition (serialising racing actions on one case) if the
   * caller may see it, and loads it whole, in one statement. Locks only `cases`, not the
   * joined rows.
   */
  async lockVisible(manager: EntityManager, p: Principal, id: string): Promise<CaseRecord | null> {
    const { bind, params } = parameters();
    const tail = `WHERE c.id = ${bind(id)} AND ${caseVisibility(p, bind)} FOR UPDATE OF c`;
    // One read per shape of the caller's rule (a role's), built once.
    let read = LOCKED.get(tail);
    if (!read) LOCKED.set(tail, (read = wholeCase(tail)));
    return this.withDeadlines(manager, await read.one(manager, params));
  }

  async lockById(manager: EntityManager, id: string): Promise<CaseRecord | null> {
    return this.withDeadlines(manager, await LOCKED_BY_ID.one(manager, [id]));
  }

  /** The case with its parties and deadlines, inside a transaction that holds or needs no lock. */
  async reload(manager: EntityManager, id: string): Promise<CaseRecord> {
    const c = await this.withDeadlines(manager, await BY_ID.one(manager, [id]));
    if (!c) throw new EntityNotFoundError(CaseRecord, { id });
    return c;
  }

  private async withDeadlines(
    manager: EntityManager,
    c: CaseRecord | null,
  ): Promise<CaseRecord | null> {
    if (c) c.deadlines = await this.deadlines.forCase(manager, c.id);
    return c;
  }

  async list(manager: EntityManager, p: Principal, f: CaseListFilter): Promise<CaseRecord[]> {
    const { sql, params } = caseListQuery(p, f);
    const rows: Record<string, unknown>[] = await manager.query(sql, params);
    return rows.map(caseFromListRow);
  }

  async insert(manager: EntityManager, values: Partial<CaseRecord>): Promise<CaseRecord> {
    return manager.save(CaseRecord, manager.create(CaseRecord, values));
  }

  async insertConsents(manager: EntityManager, consents: Partial<CaseConsent>[]): Promise<void> {
    await manager.insert(CaseConsent, consents);
  }

  /** The next number of the case-number sequence (unique across instances). */
  async nextCaseNumberSeq(manager: EntityManager): Promise<number> {
    const [{ seq }]: { seq: string }[] = await manager.query(
      `SELECT nextval('case_number_seq') AS seq`,
    );
    return Number(seq);
  }

  /** Writes a transition's columns (the status among them): only the action service calls it. */
  async writeTransition(
    manager: EntityManager,
    id: string,
    values: Partial<CaseRecord>,
  ): Promise<void> {
    await manager.update(CaseRecord, id, values);
  }

  /** Cases whose deadline has passed, locked for the one sweeper that gets them. */
  async lockOverdue(
    manager: EntityManager,
    now: Date,
    limit: number,
    caseId: string | null = null,
  ): Promise<{ id: string; action: DeadlineAction }[]> {
    return manager.query(
      `SELECT id,
              CASE WHEN status = 'lender_notified' AND lender_response_due_at <= $1
                   THEN 'expire_lender_response' ELSE 'expire_term' END AS action
         FROM cases
        WHERE ${OVERDUE}
          AND ($3::uuid IS NULL OR id = $3)
        ORDER BY id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [now, limit, caseId],
    );
  }

  /** Whether the case's deadline has passed (unlocked: lockOverdue then takes it). */
  async isOverdue(manager: EntityManager, now: Date, caseId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM cases WHERE ${OVERDUE} AND id = $2`,
      [now, caseId],
    );
    return rows.length > 0;
  }
}
