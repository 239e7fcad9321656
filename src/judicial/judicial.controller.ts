import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { sendFile } from '../common/http/send-file';
import { ApiErrors } from '../common/openapi/api-docs';
import { JudicialDocumentsService } from './judicial-documents.service';
import { JudicialConfirmationResponse, RecordOutcomeDto } from './judicial.dto';
import { JudicialService } from './judicial.service';

const NONE = { NOT_FOUND: 'no judicial confirmation was asked for on this case' };

/** The 司法确认 hand-off of a settled case: ask, join, the documents, the clerk's record. */
@ApiTags('judicial')
@Controller('cases/:id/judicial-confirmation')
export class JudicialController {
  constructor(
    private readonly judicial: JudicialService,
    private readonly documents: JudicialDocumentsService,
  ) {}

  @AnyRole()
  @Get()
  @ApiOperation({
    summary: 'The hand-off: who joined, the court, the 30-day deadline, the outcome',
  })
  @ApiResponse({ status: 200, type: JudicialConfirmationResponse, description: 'As it stands' })
  @ApiErrors('CASE_NOT_FOUND', NONE)
  get(@CurrentPrincipal() p: Principal, @Param('id', CaseIdPipe) id: string) {
    return this.judicial.get(p, id);
  }

  @Roles('borrower', 'lender')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Ask for judicial confirmation (司法确认) of the settled agreement',
    description:
      'Either party asks, within 30 days from the agreement taking effect. One per case: asking again answers 200 with the request there is, `created: false`.',
  })
  @ApiResponse({ status: 201, type: JudicialConfirmationResponse, description: 'Asked for' })
  @ApiResponse({
    status: 200,
    type: JudicialConfirmationResponse,
    description: 'Asked for before: the existing request',
  })
  @ApiErrors('CASE_NOT_FOUND', {
    INVALID_TRANSITION: 'the case is not settled',
    CONFLICT: 'the 30 days have run out',
  })
  async ask(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JudicialConfirmationResponse> {
    const answer = await this.judicial.ask(p, id);
    if (!answer.created) reply.status(200);
    return answer;
  }

  @Roles('borrower', 'lender')
  @Post('join')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Join the joint application as this party (recorded with who and when)',
    description: 'Joining again changes nothing. Once both parties joined, the status is `ready`.',
  })
  @ApiResponse({ status: 200, type: JudicialConfirmationResponse, description: 'Joined' })
  @ApiErrors('CASE_NOT_FOUND', { ...NONE, CONFLICT: 'the 30 days have run out' })
  join(@CurrentPrincipal() p: Principal, @Param('id', CaseIdPipe) id: string) {
    return this.judicial.join(p, id);
  }

  @Roles('clerk')
  @Post('outcome')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record what the court did: applied (filed), then confirmed or refused',
    description:
      '`applied` once both parties joined; `confirmed` or `refused` (with the court’s reasons in `note`) once applied. Each is an event on the case’s timeline.',
  })
  @ApiResponse({ status: 200, type: JudicialConfirmationResponse, description: 'Recorded' })
  @ApiErrors('CASE_NOT_FOUND', {
    ...NONE,
    VALIDATION_FAILED: 'an unknown outcome, or `refused` without a note',
    CONFLICT: 'the request is not in the state this outcome follows',
  })
  outcome(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Body() dto: RecordOutcomeDto,
  ) {
    return this.judicial.recordOutcome(p, id, dto);
  }

  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get('application.pdf')
  @ApiOperation({ summary: 'The joint application (司法确认申请书), prefilled from the case' })
  @ApiResponse({
    status: 200,
    description: 'The application as it stands (who joined, when)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors('CASE_NOT_FOUND', NONE)
  async application(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { bytes, filename } = await this.documents.application(p, id);
    await sendFile(reply, { contentType: 'application/pdf', filename, body: bytes });
  }

  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get('packet.zip')
  @ApiOperation({
    summary: 'The packet for the court: application, sealed agreement, evidence, and a list',
  })
  @ApiResponse({
    status: 200,
    description:
      'A ZIP: `00-材料清单.txt` (each file with its SHA-256), the application, the sealed agreement as stored, `03-证据材料/…`',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors('CASE_NOT_FOUND', NONE)
  async packet(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { bytes, filename } = await this.documents.packet(p, id);
    await sendFile(reply, { contentType: 'application/zip', filename, body: bytes });
  }
}
