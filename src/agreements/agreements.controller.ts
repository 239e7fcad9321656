import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal, Principal, StaffPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentStaff, Public, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ApiErrors, responseHeaders } from '../common/openapi/api-docs';
import { readUploadedFile } from '../common/upload';
import { FileCheckGuard } from '../common/verification-throttle';
import {
  AgreementResponse,
  AgreementVersionQuery,
  PrintQueueQuery,
  PrintQueueResponse,
  VerificationResponse,
} from './agreements.dto';
import { AgreementsService } from './agreements.service';
import { sendFile } from '../common/http/send-file';

@ApiTags('agreements')
@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @AnyRole()
  @Get('cases/:id/agreement')
  @ApiOperation({
    summary: 'The agreement: terms, repayment schedule, hashes, signatures, verification code',
    description:
      'The current version unless `version` names an earlier one. To sign, send `version` and `draftSha256` (equal to `sha256` until the agreement is sealed) to the action sign_agreement.',
  })
  @ApiResponse({ status: 200, type: AgreementResponse, description: 'The agreement version' })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'no agreement yet, or no such version' })
  get(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Query() q: AgreementVersionQuery,
  ): Promise<AgreementResponse> {
    return this.agreements.get(p, id, q.version);
  }

  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get('cases/:id/agreement/pdf')
  @ApiOperation({
    summary: 'Download (print) the agreement PDF; every download is recorded',
    description:
      'The sealed PDF once the mediator confirmed it (always the same stored bytes), the draft before. `X-Content-SHA256` carries the hash of the bytes. Admins may not download agreements.',
  })
  @ApiResponse({
    status: 200,
    description: 'The PDF; `X-Content-SHA256` is the hash of its bytes',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: responseHeaders('X-Content-SHA256'),
  })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'no agreement yet, or no such version' })
  async pdf(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Query() q: AgreementVersionQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pdf = await this.agreements.pdf(p, id, q.version);
    await sendFile(reply, {
      contentType: 'application/pdf',
      filename: pdf.filename,
      body: pdf.bytes,
      sha256: pdf.sha256,
    });
  }

  @Roles('clerk')
  @Get('agreements/print-queue')
  @ApiOperation({
    summary: 'Settled cases of your centre whose signed agreement no clerk has printed yet',
    description: 'Oldest settlement first. Downloading the sealed PDF as a clerk takes it off.',
  })
  @ApiResponse({ status: 200, type: PrintQueueResponse, description: 'A page of the queue' })
  printQueue(
    @CurrentStaff() p: StaffPrincipal | ApiKeyPrincipal,
    @Query() q: PrintQueueQuery,
  ): Promise<PrintQueueResponse> {
    return this.agreements.printQueue(p, q);
  }
}

/** `POST /verify`: a PDF checked byte for byte (a code is looked up by src/verification). */
@ApiTags('verification')
@Controller('verify')
export class VerificationController {
  constructor(private readonly agreements: AgreementsService) {}

  @Public()
  @Post()
  @UseGuards(FileCheckGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a PDF file: is it, byte for byte, a sealed agreement, and which?',
    description:
      'Rate-limited per client address (`VERIFICATIONS_PER_HOUR`), counted together with the checks of codes and of settlement certificates.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 200,
    type: VerificationResponse,
    description: 'These bytes are this sealed agreement',
  })
  @ApiErrors(
    { VALIDATION_FAILED: 'no `file` part in the form' },
    { NOT_FOUND: 'not, byte for byte, a sealed agreement of this service' },
    'PAYLOAD_TOO_LARGE',
    'TOO_MANY_REQUESTS',
  )
  async byFile(@Req() req: FastifyRequest): Promise<VerificationResponse> {
    const { buffer } = await readUploadedFile(req);
    return this.agreements.verifyFile(buffer);
  }
}
