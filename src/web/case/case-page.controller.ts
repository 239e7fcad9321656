import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, UserPrincipal } from '../../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Roles } from '../../access/roles.decorator';
import { CaseActionsService } from '../../cases/case-actions.service';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { AppError } from '../../common/errors/app-error';
import { EvidenceService } from '../../evidence/evidence.service';
import { transitionFor } from '../../workflow/transitions';
import { PageController } from '../page-controller.decorator';
import { submitForm } from '../page-forms';
import type { FormBody, Submitted } from '../page-forms';
import { pageLocale } from '../page-locale';
import { hasMessage } from '../page-messages';
import { PageRenderer } from '../page-renderer';
import { CasePageData } from './case-page.data';
import { unconfirmed } from './confirmation';
import type { FailedForm } from './case-page.data';
import { uploadEvidence } from './evidence-upload';
import { staffFormInput, staffFormShown } from '../staff/staff-form-input';

/** An action without input still goes through a DTO: one that takes no field at all. */
class NoInput {}

/**
 * `/cases/:id` for everyone who may see the case: what `GET /api/v1/cases/:id` and its
 * sub-resources answer for the caller, and one form per action the caller may take now,
 * each posted to `/cases/:id/actions/<action>` and run by the same
 * `CaseActionsService.act()` as `POST /api/v1/cases/:id/actions/<action>`, with the
 * action's own input DTO. A role's form is `partials/actions/<action>.hbs`.
 */
@PageController('cases')
export class CasePageController {
  constructor(
    private readonly data: CasePageData,
    private readonly actions: CaseActionsService,
    private readonly evidence: EvidenceService,
    private readonly pages: PageRenderer,
  ) {}

  @AnyRole()
  @Get(':id')
  show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    return this.render(req, reply, p, id);
  }

  @AnyRole()
  @Post(':id/actions/:action')
  async act(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('action') action: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const row = transitionFor(action);
    if (!row) throw new AppError('NOT_FOUND', `there is no action "${action}"`);
    const refused = unconfirmed(action, body);
    const outcome: Submitted<unknown> = refused
      ? { ok: false, form: refused }
      : await submitForm(row.input ?? NoInput, staffFormInput(body), (dto) =>
          this.actions.act(p, id, action, dto, {
            request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
          }),
        );
    if (!outcome.ok) {
      return this.render(req, reply, p, id, { name: action, form: staffFormShown(outcome.form) });
    }
    const key = `flash.action.${action}`;
    return this.pages.redirect(reply, `/cases/${id}`, {
      kind: 'success',
      key: hasMessage('zh-CN', key) ? key : 'flash.action.done',
    });
  }

  /** A file for the case (multipart: the token rides in the query, see docs/web-pages.md). */
  @Roles('borrower', 'clerk')
  @Post(':id/evidence')
  async upload(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    const outcome = await uploadEvidence(this.evidence, req, p, id);
    if (!outcome.ok)
      return this.render(req, reply, p, id, { name: 'evidence', form: outcome.form });
    return this.pages.redirect(reply, `/cases/${id}#evidence`, {
      kind: 'success',
      key: 'flash.evidenceAdded',
    });
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    failed?: FailedForm,
  ): Promise<void> {
    const data = await this.data.load(p, id, pageLocale(req).locale, failed);
    return this.pages.render(req, reply, 'case', data, {
      status: failed?.form.status ?? 200,
    });
  }
}
