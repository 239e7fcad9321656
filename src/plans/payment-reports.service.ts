import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { beijingDate } from '../calendar/calendar-date';
import { AccessLogService } from '../cases/access-log.service';
import { BorrowerThrottle } from '../cases/borrower-throttle';
import { CaseRepository } from '../cases/case.repository';
import type { CaseRecord } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { sha256Hex } from '../common/hash';
import { fenToYuan, yuanToFen } from '../common/money';
import { storedFilename, uploadedFileType } from '../evidence/evidence-file';
import { outstandingFen } from './allocation';
import type { PaymentReport } from './payment-report.entity';
import type { PaymentReportResponse } from './payment-report.dto';
import type { PaymentReportSubmission } from './payment-report-form';
import { PaymentReportEvents } from './payment-report-events';
import { toPaymentReportResponse } from './payment-report.mapper';
import { PaymentReportRepository } from './payment-report.repository';
import { PlanRepository } from './plan.repository';

const notFound = () => new AppError('CASE_NOT_FOUND', 'case not found');

/**
 * The borrower's side of a payment report: `POST /cases/:id/plan/payment-reports` records it,
 * with its proof, as `reported` (nothing applied), and the case's parties and staff list them
 * and open the proof. Only the case's borrower reports: anyone else is told the case is not
 * found, as for a case they cannot see.
 */
@Injectable()
export class PaymentReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly plans: PlanRepository,
    private readonly reports: PaymentReportRepository,
    private readonly events: PaymentReportEvents,
    private readonly throttle: BorrowerThrottle,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The case, when `p` is its borrower (who alone reports a payment); else not found. */
  async reporterCase(p: Principal, caseId: string) {
    if (p.kind !== 'user' || p.role !== 'borrower') throw notFound();
    const c = await this.cases.findVisible(this.dataSource.manager, p, caseId);
    if (!c) throw notFound();
    return c;
  }

  async report(
    p: Principal,
    caseId: string,
    { dto, file }: PaymentReportSubmission,
  ): Promise<PaymentReportResponse> {
    if (p.kind !== 'user') throw notFound();
    const now = this.clock.now();
    const c = await this.reporterCase(p, caseId);
    const amountFen = yuanToFen(dto.amount);
    await this.assertFits(this.dataSource.manager, c, amountFen, dto.paidOn, now);
    await this.throttle.beforeUpload(p);
    const type = await uploadedFileType(file.buffer, 'the proof of payment');
    const id = randomUUID();
    const dir = join('plans', caseId, 'payment-reports');
    const relative = join(dir, `${id}.${type.ext}`);
    const absolute = join(this.config.dataDir, relative);
    // Personal data (a bank slip): readable by the service's user only, written whole first.
    await mkdir(join(this.config.dataDir, dir), { recursive: true, mode: 0o700 });
    await writeFile(`${absolute}.part`, file.buffer, { mode: 0o600 });
    await rename(`${absolute}.part`, absolute);
    const saved = await this.dataSource.transaction(async (m) => {
      const locked = await this.cases.lockVisible(m, p, caseId);
      if (!locked) throw notFound();
      await this.assertFits(m, locked, amountFen, dto.paidOn, now);
      const r = await this.reports.insert(m, {
        id,
        caseId,
        amountFen,
        paidOn: dto.paidOn,
        status: 'reported',
        reportedByUserId: p.userId,
        reportedAt: now,
        filename: storedFilename(file.filename, type.ext),
        mimeType: type.mime,
        sizeBytes: file.buffer.length,
        sha256: sha256Hex(file.buffer),
        storagePath: relative,
        decidedAt: null,
        decidedByUserId: null,
        decidedByApiKeyId: null,
        disputeReason: null,
        paymentId: null,
      });
      await this.events.record(m, p, locked, 'payment_reported', now, {
        reportId: r.id,
        amount: dto.amount,
        paidOn: dto.paidOn,
        sha256: r.sha256,
      });
      return r;
    });
    return toPaymentReportResponse(saved);
  }

  /** Every report of the case, oldest first: for its parties and the centre's staff. */
  async list(p: Principal, caseId: string): Promise<PaymentReportResponse[]> {
    const m = this.dataSource.manager;
    if (!(await this.cases.findVisible(m, p, caseId))) throw notFound();
    return (await this.reports.forCase(m, caseId)).map((r) => toPaymentReportResponse(r));
  }

  /** The proof as uploaded (a read of personal data by staff is logged, as for evidence). */
  async proof(
    p: Principal,
    caseId: string,
    reportId: string,
  ): Promise<{ report: PaymentReport; stream: ReadStream }> {
    const m = this.dataSource.manager;
    if (!(await this.cases.findVisible(m, p, caseId))) throw notFound();
    const r = await this.reports.onCase(m, caseId, reportId);
    if (!r) throw new AppError('NOT_FOUND', 'no such payment report on this case');
    await this.accessLog.recordPersonalDataRead(
      p,
      [caseId],
      ['paymentProof'],
      `payment-report:${r.id}`,
    );
    return { report: r, stream: createReadStream(join(this.config.dataDir, r.storagePath)) };
  }

  /** A report must be of a plan still running, of money already paid, within what is left. */
  private async assertFits(
    m: EntityManager,
    c: CaseRecord,
    amountFen: number,
    paidOn: string,
    now: Date,
  ): Promise<void> {
    const plan = await this.plans.plan(m, c.id);
    if (!plan) throw new AppError('CONFLICT', 'this case has no repayment plan: it is not settled');
    const today = beijingDate(now);
    if (paidOn > today) {
      throw AppError.validation([
        { field: 'paidOn', message: `must not be in the future (today is ${today})` },
      ]);
    }
    const left = outstandingFen(await this.plans.installments(m, c.id));
    if (amountFen < 1 || amountFen > left) {
      throw AppError.validation([
        {
          field: 'amount',
          message:
            left === 0
              ? 'nothing is left to pay on this plan'
              : `must be from 0.01 to what is left to pay (${fenToYuan(left)})`,
        },
      ]);
    }
  }
}
