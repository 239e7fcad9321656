import { Get, Param, Query, Res } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../../access/roles.decorator';
import { AgreementVersionQuery } from '../../agreements/agreements.dto';
import { AgreementsService } from '../../agreements/agreements.service';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { IdPipe } from '../../common/id.pipe';
import { EvidenceService } from '../../evidence/evidence.service';
import { SessionInviteService } from '../../sessions/session-invite.service';
import { PageController } from '../page-controller.decorator';

/** The API's version query, and whether the browser should save the file rather than show it. */
class AgreementFileQuery extends AgreementVersionQuery {
  @IsOptional()
  @IsIn(['1'])
  download?: string;
}

const disposition = (kind: 'inline' | 'attachment', filename: string) =>
  `${kind}; filename*=UTF-8''${encodeURIComponent(filename)}`;

/**
 * The files of a case for a signed-in browser: the same service calls (and so the same
 * visibility, roles and print record) as the API's downloads, by the page session.
 */
@PageController('cases')
export class CaseFilesController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly invites: SessionInviteService,
    private readonly agreements: AgreementsService,
  ) {}

  /** As `GET /api/v1/cases/:id/evidence/:evidenceId`; shown in the browser (PDF or image). */
  @AnyRole()
  @Get(':id/evidence/:evidenceId')
  async evidenceFile(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('evidenceId', new IdPipe('evidence on this case')) evidenceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { evidence, stream } = await this.evidence.open(p, id, evidenceId);
    await reply
      .header('Content-Type', evidence.mimeType)
      .header('Content-Disposition', disposition('inline', evidence.filename))
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-SHA256', evidence.sha256)
      .send(stream);
  }

  /** As `GET /api/v1/cases/:id/sessions/:sessionId/invite.ics`. */
  @AnyRole()
  @Get(':id/sessions/:sessionId/invite.ics')
  async invite(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('sessionId', new IdPipe('session on this case')) sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.invites.invite(p, id, sessionId);
    await reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', disposition('attachment', file.filename))
      .header('Cache-Control', 'private, no-store')
      .send(file.body);
  }

  /**
   * As `GET /api/v1/cases/:id/agreement/pdf` (recorded as a print): inline for the agreement
   * page's frame, as a file with `?download=1`.
   */
  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get(':id/agreement/pdf')
  async agreementPdf(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Query() q: AgreementFileQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pdf = await this.agreements.pdf(p, id, q.version);
    await reply
      .header('Content-Type', 'application/pdf')
      .header(
        'Content-Disposition',
        disposition(q.download === '1' ? 'attachment' : 'inline', pdf.filename),
      )
      .header('X-Content-SHA256', pdf.sha256)
      .header('Cache-Control', 'private, no-store')
      .send(pdf.bytes);
  }
}
