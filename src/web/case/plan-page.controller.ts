import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal';
import { AnyRole, CurrentPrincipal } from '../../access/roles.decorator';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { AppError } from '../../common/errors/app-error';
import { sendFile } from '../../common/http/send-file';
import { IdPipe } from '../../common/id.pipe';
import { readUploadedForm } from '../../common/upload';
import { DisputePaymentReportDto } from '../../plans/payment-report.dto';
import { bindPaymentReport } from '../../plans/payment-report-form';
import { PaymentReportDecisionsService } from '../../plans/payment-report-decisions.service';
import { PaymentReportsService } from '../../plans/payment-reports.service';
import { PageController } from '../page-controller.decorator';
import { formFailure, submitForm } from '../page-forms';
import type { FormBody, FormState, Submitted } from '../page-forms';
import { pageLocale } from '../page-locale';
import { PageRenderer } from '../page-renderer';
import { CasePageData } from './case-page.data';

const reportId = () => new IdPipe('payment report on this case');

/** Refusals of the file itself, which the page shows beside the file input. */
const ABOUT_THE_FILE = new Set(['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);

/**
 * The plan's forms on `/cases/:id`: the borrower's payment report with proof, the lender's
 * confirmation or dispute. Each runs the same service method as its API route
 * (`POST /api/v1/cases/:id/plan/payment-reports`, `…/:reportId/confirm`, `…/:reportId/dispute`)
 * with the same binding, so the page refuses what the API refuses, and 404s whom it 404s.
 */
@PageController('cases')
export class PlanPageController {
  constructor(
    private readonly data: CasePageData,
    private readonly reports: PaymentReportsService,
    private readonly decisions: PaymentReportDecisionsService,
    private readonly pages: PageRenderer,
  ) {}

  /** Multipart, so the CSRF token rides in the query (docs/web-pages.md). */
  @AnyRole()
  @Post(':id/plan/payment-reports')
  async report(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    let values: Record<string, string> = {};
    let outcome: Submitted<unknown>;
    try {
      const { fields, file } = await readUploadedForm(req);
      values = { amount: fields.amount ?? '', paidOn: fields.paidOn ?? '' };
      outcome = {
        ok: true,
        result: await this.reports.report(p, id, await bindPaymentReport(fields, file)),
      };
    } catch (e) {
      const asField =
        e instanceof AppError && ABOUT_THE_FILE.has(e.code)
          ? new AppError(e.code, e.message, { errors: [{ field: 'file', message: e.message }] })
          : e;
      if (asField instanceof AppError && asField.code === 'CASE_NOT_FOUND') throw asField;
      outcome = { ok: false, form: formFailure(asField, values) };
    }
    if (!outcome.ok) return this.render(req, reply, p, id, 'paymentReport', outcome.form);
    return this.pages.redirect(reply, `/cases/${id}#plan`, {
      kind: 'success',
      key: 'flash.paymentReported',
    });
  }

  @AnyRole()
  @Post(':id/plan/payment-reports/:reportId/confirm')
  async confirm(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('reportId', reportId()) rid: string,
  ): Promise<void> {
    let outcome: Submitted<unknown>;
    try {
      outcome = { ok: true, result: await this.decisions.confirm(p, id, rid) };
    } catch (e) {
      if (e instanceof AppError && e.status === 404) throw e;
      outcome = { ok: false, form: formFailure(e, {}) };
    }
    if (!outcome.ok) return this.render(req, reply, p, id, `confirm:${rid}`, outcome.form);
    return this.pages.redirect(reply, `/cases/${id}#plan`, {
      kind: 'success',
      key: 'flash.paymentReportConfirmed',
    });
  }

  @AnyRole()
  @Post(':id/plan/payment-reports/:reportId/dispute')
  async dispute(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('reportId', reportId()) rid: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(DisputePaymentReportDto, body, (dto) =>
      this.decisions.dispute(p, id, rid, dto),
    );
    if (!outcome.ok) {
      if (outcome.form.status === 404) throw new AppError('CASE_NOT_FOUND', 'case not found');
      return this.render(req, reply, p, id, `dispute:${rid}`, outcome.form);
    }
    return this.pages.redirect(reply, `/cases/${id}#plan`, {
      kind: 'success',
      key: 'flash.paymentReportDisputed',
    });
  }

  /** As `GET /api/v1/cases/:id/plan/payment-reports/:reportId/proof`; shown in the browser. */
  @AnyRole()
  @Get(':id/plan/payment-reports/:reportId/proof')
  async proof(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('reportId', reportId()) rid: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { report, stream } = await this.reports.proof(p, id, rid);
    const file = { contentType: report.mimeType, filename: report.filename, body: stream };
    await sendFile(reply, { ...file, sha256: report.sha256, length: report.sizeBytes }, 'inline');
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    name: string,
    form: FormState,
  ): Promise<void> {
    const data = await this.data.load(p, id, pageLocale(req).locale, { name, form });
    return this.pages.render(req, reply, 'case', data, { status: form.status });
  }
}
