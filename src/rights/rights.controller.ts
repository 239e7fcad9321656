import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UserPrincipal } from '../access/principal';
import { CurrentUser, Roles } from '../access/roles.decorator';
import { CONSENTS } from '../cases/case-consent.entity';
import type { ConsentKind } from '../cases/case-consent.entity';
import { AppError } from '../common/errors/app-error';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ApiErrors } from '../common/openapi/api-docs';
import {
  AcceptNoticeDto,
  ConfirmDto,
  ConsentStateResponse,
  CorrectContactDto,
  RightsRequestResponse,
  ServiceAddressEntryResponse,
} from './rights.dto';
import { RightsExportService } from './rights-export.service';
import { RightsService } from './rights.service';

const consentKind = (kind: string): ConsentKind => {
  const found = CONSENTS.find((k) => k === kind);
  if (!found)
    throw AppError.validation([
      { field: 'kind', message: `must be one of ${CONSENTS.join(', ')}` },
    ]);
  return found;
};

/** A borrower's rights as routes (PIPL arts. 44–47); each request is recorded with its answer. */
@ApiTags('rights')
@Controller()
export class RightsController {
  constructor(
    private readonly rights: RightsService,
    private readonly exports: RightsExportService,
  ) {}

  @Roles('borrower')
  @Get('me/data')
  @ApiOperation({
    summary: 'Download everything held about you, as JSON (PIPL art. 45)',
    description:
      'The account, every case with its timeline, consents and service addresses, and the record of your requests.',
  })
  @ApiResponse({ status: 200, description: 'A JSON document, as an attachment' })
  async myData(
    @CurrentUser() p: UserPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const data = await this.exports.myData(p);
    void reply.header('Content-Disposition', 'attachment; filename="my-data.json"');
    return data;
  }

  @Roles('borrower')
  @Get('me/rights-requests')
  @ApiOperation({ summary: 'Your requests under your rights and their answers, oldest first' })
  @ApiResponse({ status: 200, type: [RightsRequestResponse], description: 'Oldest first' })
  requests(@CurrentUser() p: UserPrincipal): Promise<RightsRequestResponse[]> {
    return this.rights.requests(p);
  }

  @Roles('borrower')
  @Patch('me/contact')
  @ApiOperation({
    summary: 'Correct your email, phone or postal address (the service address of open cases)',
    description: 'Each change is a new service-address confirmation on the case, on its timeline.',
  })
  @ApiResponse({ status: 200, type: RightsRequestResponse, description: 'The request, answered' })
  @ApiErrors({ CASE_NOT_FOUND: '`caseId` is not your case' }, 'EMAIL_TAKEN')
  correct(
    @CurrentUser() p: UserPrincipal,
    @Body() dto: CorrectContactDto,
  ): Promise<RightsRequestResponse> {
    return this.rights.correctContact(p, dto);
  }

  @Roles('borrower')
  @Delete('me')
  @ApiOperation({
    summary: 'Close your account where no case is open',
    description: 'Closed cases are kept for their legal period (30 years from closing).',
  })
  @ApiResponse({ status: 200, type: RightsRequestResponse, description: 'The request, answered' })
  @ApiErrors({ CONFLICT: 'a case of yours is still open' })
  close(@CurrentUser() p: UserPrincipal, @Body() _dto: ConfirmDto): Promise<RightsRequestResponse> {
    return this.rights.closeAccount(p);
  }

  @Roles('borrower')
  @Post('me/privacy-notice/accept')
  @HttpCode(204)
  @ApiOperation({ summary: 'Accept the current privacy notice (asked again after a new version)' })
  @ApiResponse({ status: 204, description: 'Accepted' })
  @ApiErrors({ VALIDATION_FAILED: '`version` is not the current notice’s' })
  accept(@CurrentUser() p: UserPrincipal, @Body() dto: AcceptNoticeDto): Promise<void> {
    return this.rights.acceptNotice(p, dto.version);
  }

  @Roles('borrower')
  @Get('cases/:id/consents')
  @ApiOperation({ summary: 'Your consents on a case, with what withdrawing each would do' })
  @ApiResponse({ status: 200, type: [ConsentStateResponse], description: 'Each consent' })
  @ApiErrors('CASE_NOT_FOUND')
  consents(
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<ConsentStateResponse[]> {
    return this.rights.consentsOf(p, id);
  }

  @Roles('borrower')
  @Get('cases/:id/service-addresses')
  @ApiOperation({ summary: 'The service address of a case and every change, oldest first' })
  @ApiResponse({ status: 200, type: [ServiceAddressEntryResponse], description: 'Oldest first' })
  @ApiErrors('CASE_NOT_FOUND')
  addresses(
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<ServiceAddressEntryResponse[]> {
    return this.rights.addressesOf(p, id);
  }

  @Roles('borrower')
  @Post('cases/:id/consents/:kind/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a consent (read its consequence in GET …/consents first)',
    description:
      'Withdrawing shareWithLender withdraws the application. Earlier processing stays lawful.',
  })
  @ApiParam({ name: 'kind', enum: CONSENTS })
  @ApiResponse({ status: 200, type: RightsRequestResponse, description: 'The request, answered' })
  @ApiErrors('CASE_NOT_FOUND', { CONFLICT: 'the consent is not in force on this case' })
  withdraw(
    @CurrentUser() p: UserPrincipal,
    @Param('id', CaseIdPipe) id: string,
    @Param('kind') kind: string,
    @Body() _dto: ConfirmDto,
  ): Promise<RightsRequestResponse> {
    return this.rights.withdraw(p, id, consentKind(kind));
  }
}
