import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { CalendarService } from '../../calendar/calendar.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm, formValues } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer } from '../page-renderer';
import { bindCalendarYear, calendarFailure } from './calendar-year-form';

/**
 * `/admin/calendar`: the years of the official calendar and where each comes from (`GET
 * /admin/calendar`), and the form that enters a year's holidays and 调休 working days the day
 * the State Council publishes them (`PUT /admin/calendar/:year`), through CalendarService.
 * `?year=2027` fills the form with that year's days as they stand (`GET /admin/calendar/:year`).
 */
@PageController('admin/calendar')
@Roles('admin')
export class AdminCalendarPageController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: FormBody,
  ): Promise<void> {
    const { year } = formValues(query);
    if (!year) return this.renderPage(req, reply, emptyForm());
    try {
      const y = await this.calendar.getYear(year);
      return this.renderPage(
        req,
        reply,
        emptyForm({
          year: String(y.year),
          holidays: y.holidays.join('\n'),
          makeupWorkdays: y.makeupWorkdays.join('\n'),
          notice: y.notice ?? '',
        }),
      );
    } catch (e) {
      return this.renderPage(req, reply, calendarFailure(e, query));
    }
  }

  @Post()
  async enter(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() admin: UserPrincipal,
    @Body() body: FormBody,
  ): Promise<void> {
    try {
      const dto = await bindCalendarYear(body);
      await this.calendar.putYear(formValues(body).year ?? '', dto, admin.userId);
    } catch (e) {
      return this.renderPage(req, reply, calendarFailure(e, body));
    }
    return this.pages.redirect(reply, '/admin/calendar', {
      kind: 'success',
      key: 'flash.admin.calendarEntered',
    });
  }

  private async renderPage(req: FastifyRequest, reply: FastifyReply, form: FormState) {
    const overview = await this.calendar.overview();
    return this.pages.render(
      req,
      reply,
      'staff/admin-calendar',
      {
        ...overview,
        years: overview.years.map((y) => ({ ...y, source: y.source ?? 'none' })),
        form,
      },
      { status: form.status, titleKey: 'admin.calendar.title', page: 'admin-calendar' },
    );
  }
}
