import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../access/roles.decorator';
import { VerificationResponse } from '../agreements/agreements.dto';
import { ApiErrors } from '../common/openapi/api-docs';
import { NoticeVerificationResponse } from '../notifications/notice-verification.dto';
import { CodeVerificationService } from './code-verification.service';
import type { CodeVerification } from './code-verification.service';

@ApiTags('verification')
@Controller('verify')
export class CodeVerificationController {
  constructor(private readonly codes: CodeVerificationService) {}

  @Public()
  @Get(':code')
  @ApiOperation({
    // Kept from when only agreements had codes, so clients generated from the document keep it.
    operationId: 'VerificationController_byCode',
    summary: 'Look up a notice or an agreement by the check code printed on it',
    description:
      'Answers nothing personal. A notice (`kind: notice`, a code like `7QF3M-9DXR2` in a mail’s footer or on a posted letter): what kind of notice it was, its case number, the role of the party it went to and when. An agreement (`kind: agreement`, a code like `K7QF-3M9D-XR2P` beside its QR code): `status` is `sealed` for a final agreement; `sha256` is that of the sealed PDF, the exact bytes the parties were given. Rate-limited per client address (`VERIFICATIONS_PER_HOUR`).',
  })
  @ApiExtraModels(VerificationResponse, NoticeVerificationResponse)
  @ApiResponse({
    status: 200,
    description: 'The notice or the agreement the code names',
    content: {
      'application/json': {
        schema: {
          oneOf: [
            { $ref: getSchemaPath(NoticeVerificationResponse) },
            { $ref: getSchemaPath(VerificationResponse) },
          ],
          discriminator: {
            propertyName: 'kind',
            mapping: {
              notice: getSchemaPath(NoticeVerificationResponse),
              agreement: getSchemaPath(VerificationResponse),
            },
          },
        },
      },
    },
  })
  @ApiErrors({ NOT_FOUND: 'no notice or agreement has this code' }, 'TOO_MANY_REQUESTS')
  byCode(@Param('code') code: string, @Req() req: FastifyRequest): Promise<CodeVerification> {
    return this.codes.verify(code, req.ip);
  }
}
