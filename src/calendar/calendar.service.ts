import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { beijingIso } from './calendar-date';
import { calendarWarnings, CalendarWarning, yearsInUse } from './calendar-coverage';
import {
  checkCalendarYear,
  isCalendarYear,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
} from './calendar-year.rules';
import { CalendarYearRepository } from './calendar-year.repository';
import type {
  CalendarOverviewResponse,
  CalendarYearResponse,
  PutCalendarYearDto,
} from './calendar.dto';
import { computeDeadline, DeadlineDerivation } from './deadline';
import { CalendarLayer, OfficialCalendar } from './official-calendar';
import { PACKAGE_CALENDAR_VERSION } from './package-calendar';
import type { Period } from '../common/period';
import { shippedCalendarLayers } from './shipped-calendar';

/** How long a deadline read outside a transaction trusts the entered years it last checked. */
export const REVISION_TRUST_MS = 1000;

/**
 * The official calendar of this deployment: the years admins entered, over the shipped ones.
 * The pure deadline module needs a synchronous lookup, so the entered years are held in memory;
 * an admin's write reloads them here, and `deadline()` first checks (one small query) whether
 * another instance wrote since, so every instance counts on the same calendar: always inside a
 * transaction (a deadline that is set), and at most once a second outside one (a deadline that
 * is shown: a page would otherwise pay the query on every view of a year entered once a year).
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger('Calendar');
  private readonly shipped: CalendarLayer[] = shippedCalendarLayers();
  private readonly shippedCalendar = new OfficialCalendar(this.shipped);
  private calendar = this.shippedCalendar;
  private revision: string | null = null;
  /** When a read outside a transaction last asked for the revision (`performance.now()`). */
  private checkedAt = -Infinity;

  constructor(
    private readonly dataSource: DataSource,
    private readonly years: CalendarYearRepository,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload(this.dataSource.manager);
    for (const w of this.warnings()) this.logger.warn(w.message);
  }

  /**
   * When a period that begins at `start` ends, with its derivation (民事诉讼法 art. 85; see
   * `computeDeadline`). Pass the transaction's manager to read the entered years inside it.
   */
  async deadline(
    start: Date,
    period: Period,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DeadlineDerivation> {
    const now = performance.now();
    const inTransaction = manager.queryRunner?.isTransactionActive === true;
    if (inTransaction || now - this.checkedAt >= REVISION_TRUST_MS) {
      const revision = await this.years.revision(manager);
      if (revision !== this.revision) await this.reload(manager, revision);
      if (!inTransaction) this.checkedAt = now;
    }
    return computeDeadline(start, period, this.calendar);
  }

  /** The calendar as last loaded, for synchronous callers that accept this instance's copy. */
  current(): OfficialCalendar {
    return this.calendar;
  }

  /** This year and the next, where they lack official data (also logged at start). */
  warnings(): CalendarWarning[] {
    return calendarWarnings(this.calendar, this.clock.now());
  }

  async overview(): Promise<CalendarOverviewResponse> {
    await this.reload(this.dataSource.manager);
    const years = [...new Set([...this.calendar.coveredYears(), ...yearsInUse(this.clock.now())])];
    return {
      packageVersion: PACKAGE_CALENDAR_VERSION,
      years: years
        .sort((a, b) => a - b)
        .map((year) => ({ year, source: this.calendar.source(year) })),
      warnings: this.warnings(),
    };
  }

  async getYear(rawYear: string): Promise<CalendarYearResponse> {
    const year = parseYear(rawYear);
    await this.reload(this.dataSource.manager);
    return this.describeYear(this.dataSource.manager, year);
  }

  /** Enters (or re-enters) a year; from the next deadline on it overrides the shipped data. */
  async putYear(
    rawYear: string,
    dto: PutCalendarYearDto,
    adminId: string,
  ): Promise<CalendarYearResponse> {
    const year = parseYear(rawYear);
    const errors = checkCalendarYear(year, dto);
    if (errors.length > 0) throw AppError.validation(errors);
    const response = await this.dataSource.transaction(async (manager) => {
      await this.years.upsert(manager, {
        year,
        holidays: [...dto.holidays].sort(),
        makeupWorkdays: [...dto.makeupWorkdays].sort(),
        notice: dto.notice?.trim() ?? null,
        enteredBy: adminId,
        enteredAt: this.clock.now(),
      });
      return this.describeYear(manager, year);
    });
    await this.reload(this.dataSource.manager);
    this.logger.log(`calendar ${year} entered by ${adminId}`);
    return response;
  }

  /** `revision`: the one just read, when the caller has it (not read a second time). */
  private async reload(manager: EntityManager, known?: string): Promise<void> {
    const revision = known ?? (await this.years.revision(manager));
    const entered = await this.years.listAll(manager);
    this.calendar = new OfficialCalendar([{ source: 'admin', years: entered }, ...this.shipped]);
    this.revision = revision;
  }

  private async describeYear(manager: EntityManager, year: number): Promise<CalendarYearResponse> {
    const row = await this.years.findWithEnteredBy(manager, year);
    if (row) {
      return {
        year,
        source: 'admin',
        holidays: row.holidays,
        makeupWorkdays: row.makeupWorkdays,
        notice: row.notice,
        enteredBy: row.enteredByUser
          ? { id: row.enteredByUser.id, name: row.enteredByUser.name }
          : null,
        enteredAt: beijingIso(row.enteredAt),
      };
    }
    const shipped = this.shippedCalendar.year(year);
    return {
      year,
      source: shipped?.source ?? null,
      holidays: [...(shipped?.holidays ?? [])],
      makeupWorkdays: [...(shipped?.makeupWorkdays ?? [])],
      notice: null,
      enteredBy: null,
      enteredAt: null,
    };
  }
}

function parseYear(raw: string): number {
  if (!/^\d{4}$/.test(raw) || !isCalendarYear(Number(raw))) {
    throw AppError.validation([
      {
        field: 'year',
        message: `must be a year from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
      },
    ]);
  }
  return Number(raw);
}
