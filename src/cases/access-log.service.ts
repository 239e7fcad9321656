import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { Clock } from '../common/clock';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import type { AccessLogPage, AccessLogQuery } from './access-log.dto';
import { AccessLogRepository } from './access-log.repository';
import { seesPersonalData } from './case.mapper';

/** The borrower's fields a case answer shows whole to the centre's staff. */
export const CASE_PERSONAL_FIELDS = ['borrower.idNumber', 'borrower.phone'];

/** Who read, as the access log names them: a user with their role, or an API key. */
export const readerOf = (p: Principal): { readerId: string; readerRole: string } =>
  p.kind === 'user'
    ? { readerId: p.userId, readerRole: p.role }
    : { readerId: p.apiKeyId, readerRole: 'api_key' };

/** A borrower reading their own data is not logged: the log is of others' reads (PIPL art. 55). */
const isLoggedReader = (p: Principal): boolean => p.role !== 'borrower';

/** Whether showing `reader` a case answer is logged: staff who see the ID number and phone whole. */
export const logsCaseRead = (reader: Principal): boolean =>
  seesPersonalData(reader) && isLoggedReader(reader);

/** Three years, as PIPL art. 56 keeps an impact assessment's records (docs/security.md). */
export const ACCESS_LOG_RETENTION_DAYS = 3 * 365;

/**
 * The access log of personal data: every read of a borrower's unmasked data by staff is
 * recorded here, by the service method the API and the pages share.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: AccessLogRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Records that `reader` was shown these fields of these cases whole. The borrower reading
   * their own case is not recorded; staff and lenders' API keys are.
   */
  async recordPersonalDataRead(
    reader: Principal,
    caseIds: readonly string[],
    fields: readonly string[],
    source: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (!isLoggedReader(reader)) return;
    const readAt = this.clock.now();
    await this.reads.insert(manager, { ...readerOf(reader), caseIds, fields, source, readAt });
  }

  /**
   * A case answer (one case, a page of a list, an action's answer) shown to `reader`:
   * recorded when it held the borrower's ID number and phone whole (clerks, mediators).
   */
  async recordCaseRead(
    reader: Principal,
    caseIds: readonly string[],
    source: 'case' | 'case_list' | 'case_action',
    manager?: EntityManager,
  ): Promise<void> {
    if (!logsCaseRead(reader) || caseIds.length === 0) return;
    await this.recordPersonalDataRead(reader, caseIds, CASE_PERSONAL_FIELDS, source, manager);
  }

  async list(q: AccessLogQuery): Promise<AccessLogPage> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.reads.list(
      this.dataSource.manager,
      { caseId: q.caseId, readerId: q.readerId },
      limit,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    const { items, nextCursor } = pageOf(rows, limit, (r) => [r.readAt, r.id]);
    return {
      items: items.map((r) => ({ ...r, readAt: r.readAt.toISOString() })),
      nextCursor,
    };
  }

  /** Drops entries past the retention period; answers how many. */
  prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - ACCESS_LOG_RETENTION_DAYS * 86_400_000);
    return this.reads.deleteReadBefore(this.dataSource.manager, before);
  }
}
