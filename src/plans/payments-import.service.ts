import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import type { FieldError } from '../common/errors/app-error';
import { flatten, VALIDATION_OPTIONS } from '../common/errors/validation';
import { PaymentRecorder } from './payment-recorder';
import { parsePaymentsCsv } from './payments-csv';
import { PlanRepository } from './plan.repository';
import type { ImportedRow, ImportPaymentsDto, ImportReport } from './plans.dto';
import { MAX_IMPORT_ROWS, PaymentRowDto } from './plans.dto';

/** Thrown inside the import's transaction to roll back every row once one is refused. */
class RefusedFile extends Error {
  constructor(readonly report: ImportReport) {
    super('refused');
  }
}

/**
 * `POST /payments/import`: many payments of many cases in one file, all or nothing. Every row
 * is checked and applied in order inside one transaction (a later row sees the earlier ones,
 * as if they had been reported one by one); if any row is refused the transaction is rolled
 * back and the report says, row by row, what would have applied and what was refused and why.
 */
@Injectable()
export class PaymentsImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly plans: PlanRepository,
    private readonly recorder: PaymentRecorder,
    private readonly clock: Clock,
  ) {}

  async import(p: Principal, dto: ImportPaymentsDto): Promise<ImportReport> {
    if (p.role !== 'lender') throw new AppError('FORBIDDEN', 'payments are reported by the lender');
    const raw = this.rowsOf(dto);
    const rows = await Promise.all(raw.map((r) => checkRow(r)));
    const now = this.clock.now();
    try {
      return await this.dataSource.transaction(async (m) => {
        const refs = [...new Set(rows.flatMap((r) => (r.dto ? [r.dto.case] : [])))];
        const caseIds = await this.plans.lockCasesByReference(m, p, refs);
        const accepted: ImportedRow[] = [];
        const refused: ImportedRow[] = [];
        for (const [k, r] of rows.entries()) {
          const named = { row: k + 1, case: text(r.raw.case), reference: text(r.raw.reference) };
          if (!r.dto) {
            refused.push({ ...named, errors: r.errors });
            continue;
          }
          const caseId = caseIds.get(r.dto.case);
          if (!caseId) {
            refused.push({
              ...named,
              errors: [{ field: 'case', message: 'no such case of yours' }],
            });
            continue;
          }
          try {
            const c = await this.cases.reload(m, caseId);
            const { payment, replayed } = await this.recorder.record(m, p, c, r.dto, 'import', now);
            accepted.push({ ...named, paymentId: payment.id, replayed });
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            refused.push({ ...named, errors: errorsOf(e) });
          }
        }
        const report = { applied: refused.length === 0, rows: rows.length, accepted, refused };
        if (refused.length) throw new RefusedFile(report);
        return report;
      });
    } catch (e) {
      if (!(e instanceof RefusedFile)) throw e;
      const first = e.report.refused[0];
      throw new AppError(
        'VALIDATION_FAILED',
        `nothing was applied: ${e.report.refused.length} of ${rows.length} rows refused, the first is row ${first.row}`,
        {
          errors: e.report.refused.flatMap((r) =>
            (r.errors ?? []).map((x) => ({
              field: `row ${r.row}: ${x.field}`,
              message: x.message,
            })),
          ),
          // Nothing applied: what would have, marked as such.
          report: { ...e.report, accepted: e.report.accepted.map(({ paymentId: _p, ...a }) => a) },
        },
      );
    }
  }

  private rowsOf(dto: ImportPaymentsDto): Record<string, unknown>[] {
    if ((dto.csv === undefined) === (dto.payments === undefined)) {
      throw AppError.validation([{ field: 'body', message: 'give either csv or payments' }]);
    }
    const rows =
      dto.csv !== undefined
        ? parsePaymentsCsv(dto.csv)
        : dto.payments!.map((r) =>
            typeof r === 'object' && r !== null && !Array.isArray(r) ? r : {},
          );
    if (rows.length === 0) throw AppError.validation([{ field: 'body', message: 'no rows' }]);
    if (rows.length > MAX_IMPORT_ROWS) {
      throw AppError.validation([{ field: 'body', message: `at most ${MAX_IMPORT_ROWS} rows` }]);
    }
    return rows as Record<string, unknown>[];
  }
}

interface CheckedRow {
  raw: Record<string, unknown>;
  dto?: PaymentRowDto;
  errors?: FieldError[];
}

async function checkRow(raw: Record<string, unknown>): Promise<CheckedRow> {
  const dto = plainToInstance(PaymentRowDto, raw);
  const errors = await validate(dto, VALIDATION_OPTIONS);
  return errors.length ? { raw, errors: flatten(errors) } : { raw, dto };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function errorsOf(e: AppError): FieldError[] {
  const listed = e.details.errors;
  if (Array.isArray(listed) && listed.length) return listed as FieldError[];
  return [{ field: 'case', message: e.message }];
}
