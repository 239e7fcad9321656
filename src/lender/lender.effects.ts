import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { AppError } from '../common/errors/app-error';
import { yuanToFen } from '../common/money';

/** The lender's answer: its counter-proposal, kept on the case beside the borrower's own. */
@Injectable()
export class LenderEffects implements OnModuleInit {
  constructor(private readonly effects: CaseEffectRegistry) {}

  onModuleInit(): void {
    this.effects.handle('lender:record_counter_proposal', async ({ input }) => {
      const cp = input.counterProposal;
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
  }
}
