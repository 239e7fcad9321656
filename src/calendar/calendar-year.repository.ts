import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarYearRecord } from './calendar-year.entity';

@Injectable()
export class CalendarYearRepository {
  listAll(manager: EntityManager): Promise<CalendarYearRecord[]> {
    return manager.find(CalendarYearRecord, { order: { year: 'ASC' } });
  }

  findWithEnteredBy(manager: EntityManager, year: number): Promise<CalendarYearRecord | null> {
    return manager.findOne(CalendarYearRecord, {
      where: { year },
      relations: { enteredByUser: true },
    });
  }

  /** Enters a year, replacing what was entered for it before. */
  async upsert(
    manager: EntityManager,
    row: Omit<CalendarYearRecord, 'enteredByUser'>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_years (year, holidays, makeup_workdays, notice, entered_by, entered_at)
       VALUES ($1, $2::date[], $3::date[], $4, $5, $6)
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays,
         makeup_workdays = EXCLUDED.makeup_workdays, notice = EXCLUDED.notice,
         entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`,
      [row.year, row.holidays, row.makeupWorkdays, row.notice, row.enteredBy, row.enteredAt],
    );
  }

  /** Changes whenever any year is entered, so each instance can tell its copy is stale. */
  async revision(manager: EntityManager): Promise<string> {
    const [row] = await manager.query(
      `SELECT coalesce(string_agg(year || '@' || (extract(epoch FROM entered_at) * 1000)::bigint, ',' ORDER BY year), '') AS revision
         FROM calendar_years`,
    );
    return row.revision;
  }
}
