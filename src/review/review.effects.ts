import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { AppError } from '../common/errors/app-error';
import { yuanToFen } from '../common/money';
import { UsersService } from '../users/users.service';

/** The review step's effects: the borrower's corrections, and the clerk's choice of mediator. */
@Injectable()
export class ReviewEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.effects.handle('review:apply_corrections', async ({ input }) => {
      const c = input.corrections;
      if (!c) return;
      return {
        changes: {
          ...(c.reasonDetail ? { reasonDetail: c.reasonDetail } : {}),
          ...(c.outstandingAmount ? { loanOutstandingFen: yuanToFen(c.outstandingAmount) } : {}),
          ...(c.contractNumber ? { loanContractNumber: c.contractNumber } : {}),
        },
      };
    });
    this.effects.handle('review:assign_mediator', async ({ manager, input, case: c, now }) => {
      const mediator = await this.users.findActiveMediator(
        manager,
        input.mediatorId,
        c.mediationCenterId,
      );
      if (!mediator) {
        throw AppError.validation([
          { field: 'mediatorId', message: 'must be an active mediator of this mediation centre' },
        ]);
      }
      return { changes: { mediatorId: mediator.id, lenderNotifiedAt: now } };
    });
  }
}
