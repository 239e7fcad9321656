import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { CasesService } from '../../cases/cases.service';
import { EvidenceService } from '../../evidence/evidence.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm } from '../page-forms';
import type { FormState } from '../page-forms';
import { PageRenderer } from '../page-renderer';
import { nextOf } from '../case/case-view';
import { fileSize, uploadEvidence } from '../case/evidence-upload';

/**
 * The application's last step and its receipt, on the case just filed: evidence through the
 * same EvidenceService as `POST /api/v1/cases/:id/evidence`, one file per upload, as many as
 * the borrower has; then the receipt with the case number. Another person's case is the
 * services' 404, as on the API.
 */
@PageController('apply')
@Roles('borrower')
export class ApplyEvidencePageController {
  constructor(
    private readonly cases: CasesService,
    private readonly evidence: EvidenceService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id/evidence')
  show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    return this.render(req, reply, p, id, 'apply-evidence', emptyForm());
  }

  @Post(':id/evidence')
  async upload(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    const outcome = await uploadEvidence(this.evidence, req, p, id);
    if (!outcome.ok) return this.render(req, reply, p, id, 'apply-evidence', outcome.form);
    return this.pages.redirect(reply, `/apply/${id}/evidence`, {
      kind: 'success',
      key: 'flash.evidenceAdded',
    });
  }

  @Get(':id/receipt')
  receipt(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    return this.render(req, reply, p, id, 'apply-receipt', emptyForm());
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    p: UserPrincipal,
    id: string,
    view: 'apply-evidence' | 'apply-receipt',
    form: FormState,
  ): Promise<void> {
    const c = await this.cases.get(p, id);
    const evidence = await this.evidence.list(p, id);
    return this.pages.render(
      req,
      reply,
      view,
      {
        form,
        case: c,
        next: nextOf(c),
        evidence: evidence.map((e) => ({ ...e, size: fileSize(e.sizeBytes) })),
        progress: ['loan', 'reason', 'proposal', 'consents', 'evidence'].map((s) => ({
          key: `apply.steps.${s}`,
          state: s === 'evidence' && view === 'apply-evidence' ? 'current' : 'done',
        })),
      },
      {
        status: form.status,
        page: 'apply',
        titleKey: view === 'apply-evidence' ? 'apply.steps.evidence' : 'apply.receipt.title',
      },
    );
  }
}
