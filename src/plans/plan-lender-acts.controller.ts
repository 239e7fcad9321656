import { Body, Controller, HttpCode, Param, PipeTransform, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { AppError } from '../common/errors/app-error';
import { ApiErrors } from '../common/openapi/api-docs';
import {
  AccelerationResponse,
  CompletionConfirmationResponse,
  InvokeAccelerationDto,
  WaiveInstallmentDto,
  WaiverResponse,
} from './plan-lender-acts.dto';
import { PlanLenderActs } from './plan-lender-acts.service';

/** An installment's `seq` in a path: a whole number from 1 (a plan has at most 60). */
const SeqPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!/^[1-9]\d{0,2}$/.test(value)) {
      throw AppError.validation([{ field: 'seq', message: 'must be a whole number from 1' }]);
    }
    return Number(value);
  },
};

/** The lender's acts on a plan: the acceleration clause, a waiver, and confirming completion. */
@ApiTags('plans')
@Controller()
export class PlanLenderActsController {
  constructor(private readonly acts: PlanLenderActs) {}

  @Roles('lender')
  @Post('cases/:id/plan/acceleration')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that you invoke the acceleration clause (only once an installment is late)',
    description:
      'Recorded on the case’s timeline and told to the borrower and the mediator; nothing is recalculated. Refused (409) while no installment is late (more than the agreement’s grace days after its due date), once invoked, or on a completed plan.',
  })
  @ApiResponse({ status: 201, type: AccelerationResponse, description: 'Recorded' })
  @ApiErrors('CASE_NOT_FOUND', 'VALIDATION_FAILED', {
    CONFLICT: 'no installment is late yet, it was invoked already, or the case has no active plan',
  })
  accelerate(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Body() dto: InvokeAccelerationDto,
  ): Promise<AccelerationResponse> {
    return this.acts.accelerate(p, id, dto);
  }

  @Roles('lender')
  @Post('cases/:id/plan/installments/:seq/waive')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Waive what is left unpaid on an installment (减免), with your reason',
    description:
      'The installment becomes `waived`: what was paid on it stays paid, its unpaid rest is released. Recorded on the case’s timeline (`installment_waived`), told to the borrower and the mediator, and sent to your webhooks as `installment.waived`. When nothing is left to pay on the plan it completes as with a last payment (the 结清证明 says what was waived). Refused (409) for an installment paid in full or already waived, and on a completed plan; `amount`, when given, must be what is unpaid on it now (400).',
  })
  @ApiResponse({ status: 201, type: WaiverResponse, description: 'Waived' })
  @ApiErrors('CASE_NOT_FOUND', 'VALIDATION_FAILED', {
    NOT_FOUND: 'the plan has no installment of this number',
    CONFLICT:
      'the installment is paid in full or already waived, the plan is completed, or the case has no plan',
  })
  waive(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('seq', SeqPipe) seq: number,
    @Body() dto: WaiveInstallmentDto,
  ): Promise<WaiverResponse> {
    return this.acts.waive(p, id, seq, dto);
  }

  @Roles('lender')
  @Post('cases/:id/plan/confirm-completion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm that the completed plan was paid in full',
    description:
      'Once every installment is paid the lender is asked to confirm; the confirmation is recorded on the case’s timeline. Refused (409) before completion or a second time.',
  })
  @ApiResponse({ status: 200, type: CompletionConfirmationResponse, description: 'Recorded' })
  @ApiErrors('CASE_NOT_FOUND', {
    CONFLICT: 'the plan is not completed, or its completion was confirmed already',
  })
  confirmCompletion(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<CompletionConfirmationResponse> {
    return this.acts.confirmCompletion(p, id);
  }
}
