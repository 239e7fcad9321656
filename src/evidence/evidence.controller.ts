import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, UserPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ApiErrors, responseHeaders } from '../common/openapi/api-docs';
import { IdPipe } from '../common/id.pipe';
import { readUploadedFile } from '../common/upload';
import { EvidenceResponse } from './evidence.dto';
import { EvidenceService } from './evidence.service';
import { sendFile } from '../common/http/send-file';

@ApiTags('evidence')
@Controller('cases/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Roles('borrower', 'clerk')
  @Post()
  @ApiOperation({
    summary: 'Add evidence (PDF, JPEG or PNG, at most 10 MB; the type is read from the content)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 201, type: EvidenceResponse, description: 'Stored, with its SHA-256' })
  @ApiErrors(
    { VALIDATION_FAILED: 'no `file` part in the form', FORBIDDEN: 'not your case, or an API key' },
    'CASE_NOT_FOUND',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
  )
  async upload(
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
    @Req() req: FastifyRequest,
  ): Promise<EvidenceResponse> {
    return this.evidence.upload(p, id, await readUploadedFile(req));
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'The evidence of a case' })
  @ApiResponse({ status: 200, type: [EvidenceResponse], description: 'Oldest first' })
  @ApiErrors('CASE_NOT_FOUND')
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<EvidenceResponse[]> {
    return this.evidence.list(p, id);
  }

  @AnyRole()
  @Get(':evidenceId')
  @ApiOperation({ summary: 'Download one file' })
  @ApiResponse({
    status: 200,
    description: 'The file as uploaded; `X-Content-SHA256` is the hash of its bytes',
    content: Object.fromEntries(
      ['application/pdf', 'image/jpeg', 'image/png'].map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
    headers: responseHeaders('X-Content-SHA256'),
  })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'no such evidence on this case' })
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('evidenceId', new IdPipe('evidence on this case')) evidenceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { evidence, stream } = await this.evidence.open(p, id, evidenceId);
    await sendFile(reply, {
      contentType: evidence.mimeType,
      filename: evidence.filename,
      body: stream,
      sha256: evidence.sha256,
      length: evidence.sizeBytes,
    });
  }
}
