import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Cursor } from '../common/pagination';
import { PersonalDataRead } from './access-log.entity';

/** The SQL of the personal-data access log. */
@Injectable()
export class AccessLogRepository {
  async insert(m: EntityManager, rows: Omit<PersonalDataRead, 'id'>[]): Promise<void> {
    if (rows.length > 0) await m.insert(PersonalDataRead, rows);
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
