import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { BodyLimit } from '../common/http/body-limit';
import {
  ImportPaymentsDto,
  ImportReport,
  PaymentResponse,
  PlanResponse,
  RecordPaymentDto,
} from './plans.dto';
import { PaymentsImportService } from './payments-import.service';
import { PlansService } from './plans.service';
import { sendFile } from '../common/http/send-file';

/** Up to 5 000 rows of about a hundred bytes each. */
const IMPORT_BODY_LIMIT = 1024 * 1024;

/** The repayment plan of a settled case and the lender's payments to it. */
@ApiTags('plans')
@Controller()
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly imports: PaymentsImportService,
  ) {}

  @AnyRole()
  @Get('cases/:id/plan')
  @ApiOperation({
    summary: 'The repayment plan: each installment with its state, owed, paid, remaining',
  })
  @ApiResponse({ status: 200, type: PlanResponse, description: 'The plan as of today (Beijing)' })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'the case is not settled: it has no repayment plan' })
  plan(@CurrentPrincipal() p: Principal, @Param('id', CaseIdPipe) id: string) {
    return this.plans.plan(p, id);
  }

  @Roles('lender')
  @Post('cases/:id/payments')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Report a payment received (idempotent by your reference)',
    description:
      'Applied to what has fallen due, oldest first, then the current installment, then the last installments first (clause 5). The same reference again with the same amount and day answers 200 with the first payment and `replayed: true`; with a different amount or day, 409.',
  })
  @ApiResponse({ status: 201, type: PaymentResponse, description: 'Applied: how it was split' })
  @ApiResponse({
    status: 200,
    type: PaymentResponse,
    description: 'A reference reported before: the first payment, nothing applied again',
  })
  @ApiErrors('CASE_NOT_FOUND', {
    CONFLICT:
      'the case has no repayment plan, or this reference was reported with another amount or day',
  })
  async record(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Body() dto: RecordPaymentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentResponse> {
    const payment = await this.plans.recordPayment(p, id, dto);
    if (payment.replayed) reply.status(200);
    return payment;
  }

  @Roles('lender')
  @Post('payments/import')
  @BodyLimit(IMPORT_BODY_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report many payments of many cases at once: all or nothing',
    description:
      'The body holds `csv` (header `case,reference,amount,paidOn`) or `payments` (the same fields as JSON). Every row is applied in order as if reported one by one; if any row is refused, nothing is applied and the 400 names each refused row and why, beside the report.',
  })
  @ApiResponse({ status: 200, type: ImportReport, description: 'Every row applied' })
  @ApiErrors({ VALIDATION_FAILED: 'refused rows, each named with why; nothing applied' })
  import(@CurrentPrincipal() p: Principal, @Body() dto: ImportPaymentsDto): Promise<ImportReport> {
    return this.imports.import(p, dto);
  }

  @AnyRole()
  @Get('cases/:id/plan/certificate')
  @ApiOperation({
    summary: 'The 结清证明 (settlement certificate) PDF of a completed plan, sealed',
  })
  @ApiResponse({
    status: 200,
    description: 'The sealed PDF, the same bytes on every download',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'the plan is not completed: no certificate yet' })
  async certificate(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { bytes, filename } = await this.plans.certificate(p, id);
    await sendFile(reply, { contentType: 'application/pdf', filename, body: bytes });
  }
}
