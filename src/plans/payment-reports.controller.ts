import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { sendFile } from '../common/http/send-file';
import { IdPipe } from '../common/id.pipe';
import { ApiErrors, responseHeaders } from '../common/openapi/api-docs';
import { DisputePaymentReportDto, PaymentReportResponse } from './payment-report.dto';
import { readPaymentReport } from './payment-report-form';
import { PaymentReportDecisionsService } from './payment-report-decisions.service';
import { PaymentReportsService } from './payment-reports.service';

const reportId = () => new IdPipe('payment report on this case');

/**
 * The borrower's payment reports with proof, and the lender's answer. Anyone but the case's
 * borrower (reporting) or its lender (answering) is told the case is not found.
 */
@ApiTags('plans')
@Controller('cases/:id/plan/payment-reports')
export class PaymentReportsController {
  constructor(
    private readonly reports: PaymentReportsService,
    private readonly decisions: PaymentReportDecisionsService,
  ) {}

  @AnyRole()
  @Post()
  @ApiOperation({
    summary: 'The borrower reports a payment with proof (PDF, JPEG or PNG; read from the content)',
    description:
      'Recorded as `reported`: nothing is applied to the plan until the lender confirms it. Only the case’s borrower; for anyone else the case is not found.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['amount', 'paidOn', 'file'],
      properties: {
        amount: { type: 'string', example: '666.66' },
        paidOn: { type: 'string', example: '2027-01-15' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiResponse({ status: 201, type: PaymentReportResponse, description: 'Reported, not applied' })
  @ApiErrors(
    'CASE_NOT_FOUND',
    { CONFLICT: 'the case has no repayment plan: it is not settled' },
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'TOO_MANY_REQUESTS',
  )
  async report(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Req() req: FastifyRequest,
  ): Promise<PaymentReportResponse> {
    // Who may report is settled before the form is read: a stranger learns nothing of it.
    await this.reports.reporterCase(p, id);
    return this.reports.report(p, id, await readPaymentReport(req));
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'The payment reports of a case, oldest first' })
  @ApiResponse({ status: 200, type: [PaymentReportResponse], description: 'Oldest first' })
  @ApiErrors('CASE_NOT_FOUND')
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<PaymentReportResponse[]> {
    return this.reports.list(p, id);
  }

  @AnyRole()
  @Get(':reportId/proof')
  @ApiOperation({ summary: 'The proof of a payment report, as uploaded' })
  @ApiResponse({
    status: 200,
    description: 'The file; `X-Content-SHA256` is the hash of its bytes',
    content: Object.fromEntries(
      ['application/pdf', 'image/jpeg', 'image/png'].map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
    headers: responseHeaders('X-Content-SHA256'),
  })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'no such payment report on this case' })
  async proof(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('reportId', reportId()) rid: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { report, stream } = await this.reports.proof(p, id, rid);
    await sendFile(reply, {
      contentType: report.mimeType,
      filename: report.filename,
      body: stream,
      sha256: report.sha256,
      length: report.sizeBytes,
    });
  }

  @AnyRole()
  @Post(':reportId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The lender confirms a reported payment: applied once, as its own report would be',
    description:
      'Applied under the reference `report:<reportId>` (clause 5’s order). Confirmed again, it answers the same with `replayed: true` and applies nothing. Only the case’s lender.',
  })
  @ApiResponse({ status: 200, type: PaymentReportResponse, description: 'Confirmed and applied' })
  @ApiErrors('CASE_NOT_FOUND', {
    NOT_FOUND: 'no such payment report on this case',
    CONFLICT: 'the report was disputed, or no longer fits what is left to pay',
  })
  confirm(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('reportId', reportId()) rid: string,
  ): Promise<PaymentReportResponse> {
    return this.decisions.confirm(p, id, rid);
  }

  @AnyRole()
  @Post(':reportId/dispute')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The lender disputes a reported payment, with a reason: nothing is applied',
  })
  @ApiResponse({ status: 200, type: PaymentReportResponse, description: 'Disputed' })
  @ApiErrors('CASE_NOT_FOUND', {
    NOT_FOUND: 'no such payment report on this case',
    CONFLICT: 'the report was already confirmed or disputed',
  })
  dispute(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('reportId', reportId()) rid: string,
    @Body() dto: DisputePaymentReportDto,
  ): Promise<PaymentReportResponse> {
    return this.decisions.dispute(p, id, rid, dto);
  }
}
