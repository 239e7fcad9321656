import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { debtTotalFen } from '../cases/case.entity';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { fenToYuan } from '../common/money';
import { termsFromInput } from './agreement-terms';
import { buildSchedule } from './schedule';
import type { SchedulePreviewDto, SchedulePreviewResponse } from './schedule-preview.dto';

/** Stands in for a payment not yet typed: it decides nothing in the schedule, and is not kept. */
const NO_PAYMENT_YET = { channel: '—' };

/**
 * The repayment schedule terms would give, before they are drafted: the same rules
 * (`termsFromInput` against the lender's confirmed debt, the same 400s) and the same
 * `buildSchedule` as the agreement's PDF. It reads the case without its personal data shown,
 * so a preview is not a read for the access log.
 */
@Injectable()
export class SchedulePreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  async preview(
    p: Principal,
    caseId: string,
    dto: SchedulePreviewDto,
  ): Promise<SchedulePreviewResponse> {
    const c = await this.cases.findVisible(this.dataSource.manager, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'no such case');
    if (!c.debtStatement) {
      throw new AppError(
        'CONFLICT',
        'the lender has not stated the debt it confirms (lender_accept)',
      );
    }
    const terms = termsFromInput(
      { ...dto, payment: dto.payment ?? NO_PAYMENT_YET },
      debtTotalFen(c.debtStatement),
      this.clock.now(),
    );
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
