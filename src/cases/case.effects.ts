import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { yuanToFen } from '../common/money';
import { User } from '../users/user.entity';
import type { AcceptDto, LenderAcceptDto, ResubmitDto } from '../workflow/actions.dto';
import { WorkflowService } from '../workflow/workflow.service';
import type { ActionContext } from '../workflow/workflow.types';

/** The side effects of the table that change the case itself (review and the lender's answer). */
@Injectable()
export class CaseEffects implements OnModuleInit {
  constructor(
    private readonly workflow: WorkflowService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const w = this.workflow;
    w.handleEffect('case:apply_corrections', async ({ input }: ActionContext) => {
      const c = (input as unknown as ResubmitDto).corrections;
      if (!c) return;
      return {
        changes: {
          ...(c.reasonDetail ? { reasonDetail: c.reasonDetail } : {}),
          ...(c.outstandingAmount ? { loanOutstandingFen: yuanToFen(c.outstandingAmount) } : {}),
          ...(c.contractNumber ? { loanContractNumber: c.contractNumber } : {}),
        },
      };
    });
    w.handleEffect(
      'case:assign_mediator',
      async ({ manager, input, case: c, now }: ActionContext) => {
        const { mediatorId } = input as unknown as AcceptDto;
        const mediator = await manager.findOneBy(User, {
          id: mediatorId,
          role: 'mediator',
          organizationId: c.mediationCenterId,
          active: true,
        });
        if (!mediator) {
          throw AppError.validation([
            { field: 'mediatorId', message: 'must be an active mediator of this mediation centre' },
          ]);
        }
        return { changes: { mediatorId, lenderNotifiedAt: now } };
      },
    );
    w.handleEffect('deadline:lender_response', async ({ now }: ActionContext) => ({
      changes: {
        lenderResponseDueAt: new Date(now.getTime() + this.config.lenderResponseWindow.toMillis()),
      },
    }));
    w.handleEffect('deadline:mediation_term', async ({ now }: ActionContext) => ({
      changes: { mediationDueAt: new Date(now.getTime() + this.config.mediationTerm.toMillis()) },
    }));
    w.handleEffect('case:record_counter_proposal', async ({ input }: ActionContext) => {
      const cp = (input as unknown as LenderAcceptDto).counterProposal;
      if (!cp) return;
      const settlementFen = yuanToFen(cp.settlementAmount);
      if (cp.installments > settlementFen) {
        throw AppError.validation([
          { field: 'counterProposal.installments', message: 'must not exceed the amount in fen' },
        ]);
      }
      return {
        changes: {
          counterProposal: {
            settlementFen,
            installments: cp.installments,
            waivedFen: yuanToFen(cp.waivedAmount),
            note: cp.note ?? null,
          },
        },
      };
    });
    w.handleEffect('case:eligible_for_litigation', async () => ({
      changes: { eligibleForLitigation: true },
    }));
  }
}
