import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ApiKeyPrincipal,
  Principal,
  StaffPrincipal,
  UserPrincipal,
} from '../access/principal';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import { UserRepository } from '../users/user.repository';
import { SessionRepository } from './session.repository';
import { toCalendarEntry, toSessionResponse } from './session.mapper';
import type { CalendarQuery, CalendarResponse, SessionResponse } from './sessions.dto';
import { toZonedIso } from './session-rules';

const DAY_MS = 86_400_000;
const DEFAULT_BACK_MS = 7 * DAY_MS;
const DEFAULT_AHEAD_MS = 60 * DAY_MS;
const MAX_RANGE_MS = 366 * DAY_MS;

function instant(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw AppError.validation([{ field, message: 'is not a real instant' }]);
  return d;
}

/** Reading sessions: a case's, and a mediator's calendar. Writing them is the workflow's (SessionEffects). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async forCase(p: Principal, caseId: string): Promise<SessionResponse[]> {
    const manager = this.dataSource.manager;
    if (!(await this.cases.findVisible(manager, p, caseId))) {
      throw new AppError('CASE_NOT_FOUND', 'no such case');
    }
    return (await this.sessions.listForCase(manager, caseId)).map((s) => toSessionResponse(s, p));
  }

  myCalendar(p: UserPrincipal, q: CalendarQuery): Promise<CalendarResponse> {
    return this.calendar(p, p.userId, q);
  }

  /** A clerk's view of a mediator of their own centre; any other id is not found. */
  async calendarOf(
    p: StaffPrincipal | ApiKeyPrincipal,
    mediatorId: string,
    q: CalendarQuery,
  ): Promise<CalendarResponse> {
    const mediator = await this.users.findMediator(
      this.dataSource.manager,
      mediatorId,
      p.organizationId,
      false,
    );
    if (!mediator) throw new AppError('NOT_FOUND', 'no such mediator in your mediation centre');
    return this.calendar(p, mediatorId, q);
  }

  private async calendar(
    p: Principal,
    mediatorId: string,
    q: CalendarQuery,
  ): Promise<CalendarResponse> {
    const { from, to } = this.range(q);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.sessions.calendar(this.dataSource.manager, {
      mediatorId,
      from,
      to,
      limit,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const { items, nextCursor } = pageOf(rows, limit, (r) => [r.startsAt, r.id]);
    return {
      items: items.map((r) => toCalendarEntry(r, p)),
      nextCursor,
      from: toZonedIso(from),
      to: toZonedIso(to),
    };
  }

  /** Default: a week back to 60 days ahead; with one end given, a window of the same length. */
  private range(q: CalendarQuery): { from: Date; to: Date } {
    const now = this.clock.now().getTime();
    const window = DEFAULT_BACK_MS + DEFAULT_AHEAD_MS;
    let from = q.from ? instant(q.from, 'from') : null;
    let to = q.to ? instant(q.to, 'to') : null;
    if (!from && !to) {
      from = new Date(now - DEFAULT_BACK_MS);
      to = new Date(now + DEFAULT_AHEAD_MS);
    }
    from ??= new Date(to!.getTime() - window);
    to ??= new Date(from.getTime() + window);
    if (to.getTime() <= from.getTime()) {
      throw AppError.validation([{ field: 'to', message: 'must be after from' }]);
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw AppError.validation([{ field: 'to', message: 'must be at most 366 days after from' }]);
    }
    return { from, to };
  }
}
