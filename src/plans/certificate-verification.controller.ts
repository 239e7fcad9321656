import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { readUploadedFile } from '../common/upload';
import { FileCheckGuard } from '../common/verification-throttle';
import { CertificateCheckResponse } from './plans.dto';
import { PlansService } from './plans.service';

/** Anyone may check a 结清证明 they were shown, as they may an agreement (`POST /verify`). */
@ApiTags('verification')
@Controller('verify')
export class CertificateVerificationController {
  constructor(private readonly plans: PlansService) {}

  @Public()
  @Post('settlement-certificate')
  @UseGuards(FileCheckGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a PDF file: is it, byte for byte, a settlement certificate (结清证明)?',
    description:
      'Rate-limited per client address (`VERIFICATIONS_PER_HOUR`), counted together with the checks of codes and of agreements.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 200,
    type: CertificateCheckResponse,
    description: 'Its case, amount, completion day and seal check',
  })
  @ApiErrors(
    { VALIDATION_FAILED: 'no `file` part in the form' },
    { NOT_FOUND: 'not, byte for byte, a settlement certificate of this service' },
    'PAYLOAD_TOO_LARGE',
    'TOO_MANY_REQUESTS',
  )
  async byFile(@Req() req: FastifyRequest): Promise<CertificateCheckResponse> {
    const { buffer } = await readUploadedFile(req);
    return this.plans.verifyCertificate(buffer);
  }
}
