import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Cursor } from '../common/pagination';
import { PersonalDataRead } from './access-log.entity';

/** Who read, what, through what and when: one entry per case of `caseIds`. */
export interface PersonalDataReads {
  readerId: string;
  readerRole: string;
  caseIds: readonly string[];
  fields: readonly string[];
  source: string;
  readAt: Date;
}

/**
 * One statement for all the cases a list showed (a page of 20 is one round trip, no entity
 * mapping); the bench's bare handler sends the same (test/bench/bare-server.ts).
 */
export function personalDataReadsInsert(r: PersonalDataReads): { sql: string; params: unknown[] } {
  return {
    sql: `INSERT INTO personal_data_reads (reader_id, reader_role, case_id, fields, source, read_at)
          SELECT $1, $2, c, $4, $5, $6 FROM unnest($3::uuid[]) AS c`,
    params: [r.readerId, r.readerRole, r.caseIds, r.fields, r.source, r.readAt],
  };
}

/** The SQL of the personal-data access log. */
@Injectable()
export class AccessLogRepository {
  async insert(m: EntityManager, reads: PersonalDataReads): Promise<void> {
    if (reads.caseIds.length === 0) return;
    const { sql, params } = personalDataReadsInsert(reads);
    await m.query(sql, params);
  }

  /** Newest first; `caseId` narrows to one case. */
  list(
    m: EntityManager,
    filter: { caseId?: string; readerId?: string },
    limit: number,
    after?: Cursor,
  ): Promise<PersonalDataRead[]> {
    const qb = m.createQueryBuilder(PersonalDataRead, 'r').where('TRUE');
    if (filter.caseId) qb.andWhere('r.case_id = :caseId', { caseId: filter.caseId });
    if (filter.readerId) qb.andWhere('r.reader_id = :readerId', { readerId: filter.readerId });
    if (after) {
      qb.andWhere('(r.read_at, r.id) < (:afterAt, :afterId)', {
        afterAt: after.at,
        afterId: after.id,
      });
    }
    return qb
      .orderBy('r.read_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit + 1)
      .getMany();
  }

  /** Past the retention period (three years): removed. */
  async deleteReadBefore(m: EntityManager, before: Date): Promise<number> {
    const res = await m
      .createQueryBuilder()
      .delete()
      .from(PersonalDataRead)
      .where('read_at < :before', { before })
      .execute();
    return res.affected ?? 0;
  }
}
