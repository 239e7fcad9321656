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
import { sendFile } from '../../common/http/send-file';

/** The API's version query, and whether the browser should save the file rather than show it. */
class AgreementFileQuery extends AgreementVersionQuery {
  @IsOptional()
  @IsIn(['1'])
  download?: string;
}

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
    const file = { contentType: evidence.mimeType, filename: evidence.filename, body: stream };
    await sendFile(reply, { ...file, sha256: evidence.sha256 }, 'inline');
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
    await sendFile(reply, file);
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
    const file = { contentType: 'application/pdf', filename: pdf.filename, body: pdf.bytes };
    await sendFile(
      reply,
      { ...file, sha256: pdf.sha256 },
      q.download === '1' ? 'attachment' : 'inline',
    );
  }
}
