import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { OVERDUE_REASONS } from '../../cases/case.entity';
import { FileCaseDto } from '../../cases/cases.dto';
import { CasesService } from '../../cases/cases.service';
import { privacyNotice } from '../../cases/privacy-notice';
import { AppError } from '../../common/errors/app-error';
import { fenToYuan, yuanToFen, YUAN_PATTERN } from '../../common/money';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm, formValues, submitForm } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { pageLocale } from '../page-locale';
import { PageRenderer } from '../page-renderer';
import { splitEvenly } from '../case/case-view';
import { ApplyDraftService } from './apply-draft.service';
import {
  APPLY_STEPS,
  checkStep,
  firstIncompleteStep,
  isApplyStep,
  nextStep,
  previousStep,
  STEP_FIELDS,
  stepNumber,
  stepValues,
} from './apply-steps';
import type { ApplyStep } from './apply-steps';

const option = (value: string, key: string) => ({ value, key });

/**
 * `/apply`: the application of `POST /api/v1/cases` in short steps, each kept in the
 * borrower's draft on the server (so a reload, or tomorrow, finds it), filed at the consents
 * step by the same `CasesService.file()`; then evidence and the receipt on the filed case
 * (ApplyEvidencePageController).
 */
@PageController('apply')
@Roles('borrower')
export class ApplyPageController {
  constructor(
    private readonly cases: CasesService,
    private readonly organizations: OrganizationsService,
    private readonly drafts: ApplyDraftService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async resume(@Res() reply: FastifyReply, @CurrentUser() p: UserPrincipal): Promise<void> {
    const draft = await this.drafts.get(p.userId);
    const step = draft && isApplyStep(draft.step) ? draft.step : APPLY_STEPS[0];
    return this.pages.redirect(reply, `/apply/${step}`);
  }

  @Get(':step')
  async show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('step') step: string,
  ): Promise<void> {
    if (!isApplyStep(step)) throw new AppError('NOT_FOUND', 'no such step');
    const values = (await this.drafts.get(p.userId))?.values ?? {};
    if (step === 'consents') {
      const missing = await firstIncompleteStep(values);
      if (missing) return this.pages.redirect(reply, `/apply/${missing}`);
    }
    return this.render(req, reply, step, emptyForm(values));
  }

  @Post(':step')
  async submit(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('step') step: string,
    @Body() body: FormBody,
  ): Promise<void> {
    if (!isApplyStep(step)) throw new AppError('NOT_FOUND', 'no such step');
    if (step === 'consents') return this.file(req, reply, p, body);
    const typed = stepValues(step, formValues(body));
    const back = body?._go === 'back';
    const before = (await this.drafts.get(p.userId))?.values ?? {};
    const form = await checkStep(step, { ...before, ...typed });
    const complete = Object.keys(form.errors).length === 0;
    await this.drafts.save(p.userId, step, typed, complete);
    if (back) return this.pages.redirect(reply, `/apply/${previousStep(step) ?? step}`);
    if (!complete) return this.render(req, reply, step, form);
    return this.pages.redirect(reply, `/apply/${nextStep(step)}`);
  }

  /** The consents, given now and never kept in the draft, file the case. */
  private async file(
    req: FastifyRequest,
    reply: FastifyReply,
    p: UserPrincipal,
    body: FormBody,
  ): Promise<void> {
    const draft = await this.drafts.get(p.userId);
    const values = draft?.values ?? {};
    const missing = await firstIncompleteStep(values);
    if (!draft || missing) return this.pages.redirect(reply, `/apply/${missing ?? 'loan'}`);
    if (body?._go === 'back') return this.pages.redirect(reply, '/apply/proposal');
    const consents = stepValues('consents', formValues(body));
    const application = { ...values, ...consents, locale: pageLocale(req).locale };
    const outcome = await submitForm(FileCaseDto, application, (dto) =>
      // The draft's key: a second click, or a retry after a lost answer, files one case.
      this.cases.file(p, dto, draft.filingKey),
    );
    if (!outcome.ok) {
      const form = { ...outcome.form, values: { ...values, ...consents } };
      return this.render(req, reply, 'consents', form);
    }
    await this.drafts.discard(p.userId);
    return this.pages.redirect(reply, `/apply/${outcome.result.id}/evidence`, {
      kind: 'success',
      key: 'flash.filed',
    });
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    step: ApplyStep,
    form: FormState,
  ): Promise<void> {
    const { locale } = pageLocale(req);
    const lenders =
      step === 'loan' || step === 'consents' ? await this.organizations.listPublic('lender') : [];
    return this.pages.render(
      req,
      reply,
      'apply',
      {
        form,
        step,
        stepPartial: `apply/${step}`,
        stepNumber: stepNumber(step),
        stepCount: APPLY_STEPS.length + 1,
        progress: progressOf(step),
        // The notice's version is a hidden field: an error of it is told in the summary.
        fields: STEP_FIELDS[step].filter((f) => f !== 'consents.privacyNoticeVersion').join(' '),
        previous: previousStep(step),
        lenderOptions: lenders.map((l) => ({ value: l.id, text: l.name })),
        reasonOptions: OVERDUE_REASONS.map((r) => option(r, `apply.reasons.${r}`)),
        yesNo: [option('true', 'apply.yes'), option('false', 'apply.no')],
        modeOptions: [
          option('online', 'apply.mode.online'),
          option('offline', 'apply.mode.offline'),
        ],
        monthly: monthlyOf(form.values),
        summary:
          step === 'consents'
            ? {
                ...summaryOf(form.values),
                lender: lenders.find((l) => l.id === form.values.lenderOrganizationId)?.name,
              }
            : null,
        privacyNotice: privacyNotice(locale),
        scripts: step === 'proposal' ? ['apply.js'] : [],
      },
      { status: form.status, titleKey: `apply.steps.${step}` },
    );
  }
}

/** The steps of the whole application for its progress list: the four here, then evidence. */
function progressOf(step: ApplyStep) {
  const at = stepNumber(step);
  return [...APPLY_STEPS, 'evidence'].map((s, i) => ({
    key: `apply.steps.${s}`,
    state: i + 1 < at ? 'done' : i + 1 === at ? 'current' : 'todo',
  }));
}

/** The proposal's monthly amount as the server can tell it (the script then updates it live). */
function monthlyOf(values: Record<string, string>) {
  const outstanding = values['loan.outstandingAmount'];
  if (!outstanding || !YUAN_PATTERN.test(outstanding)) return null;
  const totalFen = yuanToFen(outstanding);
  const n = Number(values['proposal.installments']);
  const split = Number.isInteger(n) && n >= 1 && n <= 60 ? splitEvenly(totalFen, n) : null;
  return {
    totalFen,
    installments: split ? n : null,
    each: split ? fenToYuan(split.each) : null,
    last: split ? fenToYuan(split.last) : null,
    sameLast: split ? split.each === split.last : true,
  };
}

/** What the borrower entered, to read over before filing. */
function summaryOf(values: Record<string, string>) {
  return {
    contractNumber: values['loan.contractNumber'],
    principal: values['loan.principal'],
    outstanding: values['loan.outstandingAmount'],
    overdueSince: values['loan.overdueSince'],
    reason: values.overdueReason,
    reasonDetail: values.reasonDetail,
    installments: values['proposal.installments'],
    requestWaiver: values['proposal.requestWaiver'] === 'true',
    note: values['proposal.note'],
    mode: values.preferredMode,
  };
}
