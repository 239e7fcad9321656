import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import type { DebtStatement } from '../cases/case.entity';
import { debtTotalFen } from '../cases/case.entity';
import { AppError, type FieldError } from '../common/errors/app-error';
import { fenToYuan, yuanToFen } from '../common/money';
import type { DebtStatementDto } from '../workflow/actions.dto';

const ZONE = 'Asia/Shanghai';

/**
 * The lender's answer: the debt it confirms, which the agreement's figures must add up to, and
 * its counter-proposal, kept on the case beside the borrower's own.
 */
@Injectable()
export class LenderEffects implements OnModuleInit {
  constructor(private readonly effects: CaseEffectRegistry) {}

  onModuleInit(): void {
    this.effects.handle('lender:record_debt_statement', async ({ input, case: c, now }) => {
      const debtStatement = debtStatementOf(input.debtStatement, c.loanOverdueSince, now);
      const total = fenToYuan(debtTotalFen(debtStatement));
      return {
        changes: { debtStatement },
        // The timeline keeps the figures as sent; the total is what the agreement must meet.
        eventData: { debtTotal: total },
        mail: { amounts: { confirmed: total } },
      };
    });
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

/** The statement's rules beyond its shape: a date the debt existed on, a principal owed. */
function debtStatementOf(d: DebtStatementDto, overdueSince: string, now: Date): DebtStatement {
  const errors: FieldError[] = [];
  const today = DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
  if (d.asOf > today) {
    errors.push({ field: 'debtStatement.asOf', message: `must not be after today (${today})` });
  } else if (d.asOf < overdueSince) {
    errors.push({
      field: 'debtStatement.asOf',
      message: `must not be before the loan fell overdue (${overdueSince})`,
    });
  }
  const principalFen = yuanToFen(d.principal);
  if (principalFen < 1) {
    errors.push({ field: 'debtStatement.principal', message: 'must be more than 0.00' });
  }
  if (errors.length) throw AppError.validation(errors);
  return {
    asOf: d.asOf,
    principalFen,
    interestFen: yuanToFen(d.interest),
    penaltyInterestFen: yuanToFen(d.penaltyInterest),
    feesFen: yuanToFen(d.fees),
  };
}
