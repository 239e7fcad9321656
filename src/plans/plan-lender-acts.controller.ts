import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ApiErrors } from '../common/openapi/api-docs';
import {
  AccelerationResponse,
  CompletionConfirmationResponse,
  InvokeAccelerationDto,
} from './plan-lender-acts.dto';
import { PlanLenderActs } from './plan-lender-acts.service';

/** The lender's acts on a plan: the acceleration clause, and confirming completion. */
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
