import { Get, Query, Req, Res } from '@nestjs/common';
import { IsOptional, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { Clock } from '../../common/clock';
import { SessionsService } from '../../sessions/sessions.service';
import { PageController } from '../page-controller.decorator';
import { bindQuery } from '../page-forms';
import type { FormBody } from '../page-forms';
import { DISPLAY_ZONE } from '../page-views';
import { PageRenderer } from '../page-renderer';

class WeekQuery {
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  week?: string;
}

/** The most sessions one week shows; a mediator books far fewer. */
const WEEK_LIMIT = 100;

/**
 * `/calendar`: the mediator's week, Monday to Sunday in Beijing time, from the same calendar
 * as `GET /api/v1/mediators/me/sessions`; each session with its case number (linked) and mode.
 */
@PageController('calendar')
export class CalendarPageController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly pages: PageRenderer,
    private readonly clock: Clock,
  ) {}

  @Roles('mediator')
  @Get()
  async week(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Query() raw: FormBody,
  ): Promise<void> {
    const { query, form } = await bindQuery(WeekQuery, raw);
    const given = query.week ? DateTime.fromISO(query.week, { zone: DISPLAY_ZONE }) : null;
    const day = given?.isValid
      ? given
      : DateTime.fromJSDate(this.clock.now(), { zone: DISPLAY_ZONE });
    const monday = day.startOf('week');
    const sunday = monday.plus({ weeks: 1 });
    const cal = await this.sessions.myCalendar(p, {
      from: monday.toISO()!,
      to: sunday.toISO()!,
      limit: WEEK_LIMIT,
    });
    const days = Array.from({ length: 7 }, (_, i) => {
      const d = monday.plus({ days: i });
      const date = d.toISODate()!;
      return {
        date,
        weekdayKey: `staff.calendar.weekday.${d.weekday}`,
        sessions: cal.items.filter(
          (s) => DateTime.fromISO(s.startsAt, { zone: DISPLAY_ZONE }).toISODate() === date,
        ),
      };
    });
    return this.pages.render(
      req,
      reply,
      'staff/calendar',
      {
        form,
        days,
        weekOf: monday.toISODate(),
        previous: monday.minus({ weeks: 1 }).toISODate(),
        next: monday.plus({ weeks: 1 }).toISODate(),
        count: cal.items.length,
      },
      { status: form.status, titleKey: 'staff.calendar.title', page: 'calendar' },
    );
  }
}
