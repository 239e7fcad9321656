import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, UserPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { IdPipe } from '../common/id.pipe';
import { readUploadedFile } from '../common/upload';
import { EvidenceResponse, EvidenceService } from './evidence.service';

@ApiTags('evidence')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 404, type: ErrorResponse })
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
  @ApiResponse({ status: 201, description: 'Stored, with its SHA-256' })
  @ApiResponse({ status: 413, type: ErrorResponse })
  @ApiResponse({ status: 415, type: ErrorResponse })
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
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<EvidenceResponse[]> {
    return this.evidence.list(p, id);
  }

  @AnyRole()
  @Get(':evidenceId')
  @ApiOperation({ summary: 'Download one file' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('evidenceId', new IdPipe('evidence on this case')) evidenceId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { evidence, stream } = await this.evidence.open(p, id, evidenceId);
    await reply
      .header('Content-Type', evidence.mimeType)
      .header('Content-Length', evidence.sizeBytes)
      .header(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(evidence.filename)}`,
      )
      .header('X-Content-SHA256', evidence.sha256)
      .send(stream);
  }
}
