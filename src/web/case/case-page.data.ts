import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import { AgreementsService } from '../../agreements/agreements.service';
import type { Locale } from '../../cases/case.entity';
import { CasesService } from '../../cases/cases.service';
import { EvidenceService } from '../../evidence/evidence.service';
import { SessionsService } from '../../sessions/sessions.service';
import { TERMINAL_STATUSES } from '../../workflow/states';
import { emptyForm } from '../page-forms';
import type { FormState } from '../page-forms';
import { hasMessage } from '../page-messages';
import { pagePartials } from '../page-views';
import { hasSigned, nextOf, openRequest, proposalsOf, stepper, timelineOf } from './case-view';
import { fileSize } from './evidence-upload';
import { StaffCaseData } from '../staff/staff-case-data';
import { CasePlanData, PLAN_FORM } from './case-plan.data';
import { CaseJudicialData, isJudicialForm } from './case-judicial.data';

/** A form of the page that failed, shown again with its errors. */
export interface FailedForm {
  /** An action's name, or `evidence` for the upload. */
  name: string;
  form: FormState;
}

let actionPartials: Set<string> | undefined;
/** The actions that have a form (`partials/actions/<action>.hbs`); others are not offered. */
function hasActionForm(action: string): boolean {
  actionPartials ??= new Set(
    Object.keys(pagePartials())
      .filter((k) => k.startsWith('actions/'))
      .map((k) => k.slice('actions/'.length)),
  );
  return actionPartials.has(action);
}

/**
 * Everything `/cases/:id` shows, read through the services the API routes call for the same
 * caller (`GET /cases/:id`, `/events`, `/sessions`, `/evidence`, `/agreement`, `/plan`,
 * `/judicial-confirmation`), so the page
 * shows exactly what the caller may see: a case not theirs is the service's 404.
 */
@Injectable()
export class CasePageData {
  constructor(
    private readonly cases: CasesService,
    private readonly sessions: SessionsService,
    private readonly evidence: EvidenceService,
    private readonly agreements: AgreementsService,
    private readonly staff: StaffCaseData,
    private readonly plan: CasePlanData,
    private readonly judicial: CaseJudicialData,
  ) {}

  load(
    p: Principal,
    id: string,
    locale: Locale,
    failed?: FailedForm,
  ): Promise<Record<string, unknown>> {
    return this.cases.sharingCaseReads(() => this.read(p, id, locale, failed));
  }

  private async read(
    p: Principal,
    id: string,
    locale: Locale,
    failed?: FailedForm,
  ): Promise<Record<string, unknown>> {
    const c = await this.cases.get(p, id);
    this.cases.prefetchCaseRows(c.id);
    const [events, sessions, evidence, agreement, plan, judicial] = await Promise.all([
      this.cases.events(p, id),
      this.sessions.forCase(p, id),
      this.evidence.list(p, id),
      this.agreements.findCurrent(p, id),
      this.plan.load(p, id, failed),
      this.judicial.load(p, c, failed),
    ]);
    const timeline = timelineOf(events).map((e) => ({
      ...e,
      key: hasMessage(locale, `timeline.${e.key}`) ? e.key : 'unknown',
    }));
    const session =
      sessions.find((s) => s.status === 'scheduled') ??
      [...sessions].reverse().find((s) => s.status === 'held') ??
      null;
    const formOf = (name: string) => (failed?.name === name ? failed.form : emptyForm());
    const actionForms = c.allowedActions.filter(hasActionForm).map((action) => ({
      action,
      partial: `actions/${action}`,
      form: formOf(action),
    }));
    return {
      // What the staff's forms need beyond the case (the mediators to assign, …).
      ...(await this.staff.load(p, c)),
      case: c,
      isBorrower: p.role === 'borrower',
      audience: p.role === 'borrower' ? 'borrower' : 'other',
      steps: stepper(c.status, events),
      next: nextOf(c),
      request: openRequest(c, events),
      timeline,
      session,
      otherSessions: sessions.filter((s) => s !== session),
      evidence: evidence.map((e) => ({
        ...e,
        size: fileSize(e.sizeBytes),
        mine: e.uploadedBy === p.userId,
        href: `/cases/${c.id}/evidence/${e.id}`,
      })),
      canAddEvidence:
        (p.role === 'borrower' || p.role === 'clerk') && !TERMINAL_STATUSES.includes(c.status),
      uploadForm: formOf('evidence'),
      agreement,
      ...plan,
      ...judicial,
      signed: agreement ? hasSigned(agreement, p.role) : false,
      proposals: proposalsOf(c),
      lenderAnswered: events.some((e) => e.action === 'lender_accept'),
      actionForms,
      // A refused action whose form is gone (the case moved on meanwhile): its message on top.
      failedElsewhere:
        failed &&
        failed.name !== 'evidence' &&
        !PLAN_FORM.test(failed.name) &&
        !isJudicialForm(failed.name) &&
        !actionForms.some((f) => f.action === failed.name)
          ? failed.form
          : null,
    };
  }
}
