import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal';
import { CurrentPrincipal, Roles } from '../../access/roles.decorator';
import { AgreementTextService } from '../../agreements/agreement-text.service';
import { AgreementsService } from '../../agreements/agreements.service';
import { CaseActionsService } from '../../cases/case-actions.service';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { CasesService } from '../../cases/cases.service';
import { SignAgreementDto } from '../../workflow/agreement-actions.dto';
import { PageController } from '../page-controller.decorator';
import { emptyForm, submitForm } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer } from '../page-renderer';
import { unconfirmed } from './confirmation';
import { hasSigned } from './case-view';

/**
 * `/cases/:id/agreement`: the current version as the PDF (inline, and to save) and as text,
 * and, for a party who may sign now, the version and the SHA-256 of the PDF being signed
 * with an explicit confirmation, posted to the same `sign_agreement` action as the API.
 */
@PageController('cases')
export class AgreementPageController {
  constructor(
    private readonly cases: CasesService,
    private readonly agreements: AgreementsService,
    private readonly texts: AgreementTextService,
    private readonly actions: CaseActionsService,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get(':id/agreement')
  show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    return this.render(req, reply, p, id, emptyForm());
  }

  @Roles('borrower', 'lender')
  @Post(':id/agreement/sign')
  async sign(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const refused = unconfirmed('sign_agreement', body);
    if (refused) return this.render(req, reply, p, id, refused);
    const outcome = await submitForm(SignAgreementDto, body, (dto) =>
      this.actions.act(p, id, 'sign_agreement', dto, {
        request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
      }),
    );
    if (!outcome.ok) return this.render(req, reply, p, id, outcome.form);
    return this.pages.redirect(reply, `/cases/${id}`, {
      kind: 'success',
      key: 'flash.action.sign_agreement',
    });
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    form: FormState,
  ): Promise<void> {
    const c = await this.cases.get(p, id);
    const [agreement, text] = await Promise.all([
      this.agreements.get(p, id),
      this.texts.text(p, id),
    ]);
    return this.pages.render(
      req,
      reply,
      'agreement',
      {
        case: c,
        agreement,
        text,
        form,
        signed: hasSigned(agreement, p.role),
        canSign: c.allowedActions.includes('sign_agreement'),
        pdfHref: `/cases/${id}/agreement/pdf`,
      },
      { status: form.status },
    );
  }
}
