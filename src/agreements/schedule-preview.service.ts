import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { fenToYuan, yuanToFen } from '../common/money';
import type { AgreementTermsDto } from '../workflow/actions.dto';
import { termsFromInput } from './agreement-terms';
import { buildSchedule } from './schedule';
import type { SchedulePreviewResponse } from './schedule-preview.dto';

/**
 * The repayment schedule terms would give, before they are drafted: the same rules
 * (`termsFromInput`, the same 400s) and the same `buildSchedule` as the agreement's PDF.
 */
@Injectable()
export class SchedulePreviewService {
  constructor(
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  async preview(
    p: Principal,
    caseId: string,
    dto: AgreementTermsDto,
  ): Promise<SchedulePreviewResponse> {
    const c = await this.cases.get(p, caseId);
    const terms = termsFromInput(dto, yuanToFen(c.loan.outstandingAmount), this.clock.now());
    const rows = buildSchedule(terms);
    return {
      settlementAmount: fenToYuan(terms.settlementFen),
      installments: terms.installments,
      schedule: rows.map((r) => ({
        seq: r.seq,
        dueDate: r.dueDate,
        amount: fenToYuan(r.amountFen),
      })),
      total: fenToYuan(rows.reduce((sum, r) => sum + r.amountFen, 0)),
    };
  }
}
