import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { SchedulePreviewService } from '../../agreements/schedule-preview.service';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { AppError } from '../../common/errors/app-error';
import { SlotCheckQuery } from '../../sessions/slot-check.dto';
import { SlotCheckService } from '../../sessions/slot-check.service';
import { SchedulePreviewDto } from '../../agreements/schedule-preview.dto';
import { CasePageData } from '../case/case-page.data';
import { PageController } from '../page-controller.decorator';
import { bindForm, emptyForm, formFailure, formValues } from '../page-forms';
import type { FormBody } from '../page-forms';
import { pageLocale } from '../page-locale';
import { PageRenderer } from '../page-renderer';
import { staffFormInput } from './staff-form-input';

const wantsJson = (req: FastifyRequest) => /application\/json/.test(req.headers.accept ?? '');

/** The API's error body, for the page's script (which asks for JSON). */
async function errorJson(reply: FastifyReply, e: unknown): Promise<void> {
  if (!(e instanceof AppError) || e.status >= 500) throw e;
  await reply
    .code(e.status)
    .header('Cache-Control', 'no-store')
    .send({ statusCode: e.status, code: e.code, message: e.message, ...e.details });
}

/**
 * The mediator's helpers on the case page: whether a slot is free (`GET
 * /api/v1/mediators/me/slot-check`) and the schedule terms would give (`POST
 * /api/v1/cases/:id/agreement/schedule-preview`), as JSON for the page's script or, for the
 * preview without a script, as the case page with the preview under the terms.
 */
@PageController()
export class MediatorPageController {
  constructor(
    private readonly slots: SlotCheckService,
    private readonly previews: SchedulePreviewService,
    private readonly caseData: CasePageData,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('mediator')
  @Get('calendar/slot-check')
  async slotCheck(
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Query() raw: FormBody,
  ): Promise<void> {
    try {
      const q = await bindForm(SlotCheckQuery, staffFormInput(raw));
      const answer = await this.slots.check(p, q);
      await reply.header('Cache-Control', 'no-store').send(answer);
    } catch (e) {
      await errorJson(reply, e);
    }
  }

  @Roles('mediator')
  @Post('cases/:id/schedule-preview')
  async schedulePreview(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const action = body?._action === 'revise_agreement' ? 'revise_agreement' : 'draft_agreement';
    let preview: Record<string, unknown> | null = null;
    let form = emptyForm(formValues(body));
    try {
      const dto = await bindForm(SchedulePreviewDto, body);
      preview = { action, ...(await this.previews.preview(p, id, dto)) };
      if (wantsJson(req)) {
        await reply.code(200).header('Cache-Control', 'no-store').send(preview);
        return;
      }
    } catch (e) {
      if (wantsJson(req)) return errorJson(reply, e);
      form = formFailure(e, formValues(body));
    }
    const data = await this.caseData.load(p, id, pageLocale(req).locale, { name: action, form });
    return this.pages.render(
      req,
      reply,
      'case',
      { ...data, preview, scripts: ['staff.js'] },
      { status: form.status === 200 ? 200 : form.status },
    );
  }
}
