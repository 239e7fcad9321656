import { plainToInstance } from 'class-transformer';
import { AgreementsService } from '../../src/agreements/agreements.service';
import type { UserPrincipal } from '../../src/access/principal';
import { AuthService } from '../../src/auth/auth.service';
import { CaseActionsService } from '../../src/cases/case-actions.service';
import { FileCaseDto } from '../../src/cases/cases.dto';
import type { CaseResponse } from '../../src/cases/case-response.dto';
import { CasesService } from '../../src/cases/cases.service';
import { Clock } from '../../src/common/clock';
import type { CaseStatus } from '../../src/workflow/states';
import { application, debtStatement, World } from './factories';
import type { TestApp } from './harness';
import { startSession } from './support/session-started';

type Party = 'borrower' | 'clerk' | 'mediator' | 'lenderRep';

interface Step {
  action: string;
  by: Party;
  body: () => Record<string, unknown>;
  /** Runs before the action (e.g. the session's start moved into the past). */
  before?: (caseId: string) => Promise<void>;
}

export interface NewCaseOptions {
  status: CaseStatus;
  /** Fields of the application (`POST /cases`) to change. */
  application?: Record<string, unknown>;
  /** The lender's answer (`lender_accept`): the default debt statement, no counter-proposal. */
  lenderAnswer?: Record<string, unknown>;
  /** The session (`schedule_session`); an online hour on a free slot of the mediator by default. */
  session?: Record<string, unknown>;
  /** The agreement's terms (`draft_agreement`). */
  terms?: Record<string, unknown>;
  /** For `unsuccessful`: which way it closed. */
  closure?: 'lender_declined' | 'no_agreement';
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Free slots per mediator within one test process: sessions of one mediator never overlap. */
const nextSlot = new Map<string, number>();

function freeSlot(mediatorId: string): { startsAt: string; endsAt: string } {
  const n = nextSlot.get(mediatorId) ?? 0;
  nextSlot.set(mediatorId, n + 1);
  // From ten days ahead, two hours apart: inside the mediation term, clear of the tests' own.
  const start = Math.ceil((Date.now() + 10 * DAY + n * 2 * HOUR) / 1000) * 1000;
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + HOUR).toISOString(),
  };
}

/** Agreement terms that fit the default application's outstanding amount (9650.40). */
export function defaultTerms(overrides: Record<string, unknown> = {}) {
  const firstDue = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
  return {
    settlementAmount: '8000.00',
    installments: 12,
    firstDueDate: firstDue,
    waivedAmount: '1650.40',
    payment: {
      accountName: '好分期金融服务有限公司',
      bankName: '中国工商银行上海市分行营业部',
      accountNumber: '1001 2345 6789 0123 456',
    },
    ...overrides,
  };
}

/**
 * The actions that lead from filing to each state, as the people of the world would take
 * them. `newCase` runs them through the same use cases as the API, without HTTP.
 */
function pathTo(t: TestApp, status: CaseStatus, o: NewCaseOptions, w: World): Step[] {
  const accept: Step = {
    action: 'accept',
    by: 'clerk',
    body: () => ({ mediatorId: w.mediator.id }),
  };
  const lenderAccept: Step = {
    action: 'lender_accept',
    by: 'lenderRep',
    body: () => o.lenderAnswer ?? { debtStatement: debtStatement() },
  };
  const schedule: Step = {
    action: 'schedule_session',
    by: 'mediator',
    body: () => ({
      ...(o.session?.startsAt ? {} : freeSlot(w.mediator.id)),
      ...(o.session?.mode ? {} : { mode: 'online', meetingUrl: 'https://meet.example.cn/room-1' }),
      ...o.session,
    }),
  };
  const draft: Step = {
    action: 'draft_agreement',
    by: 'mediator',
    body: () => defaultTerms(o.terms),
    // Drafting waits for the session to start: the factory moves the booked one into the past.
    before: (caseId) => startSession(t, caseId),
  };
  const sign = (by: Party): Step => ({ action: 'sign_agreement', by, body: () => ({}) });
  const confirm: Step = { action: 'confirm_agreement', by: 'mediator', body: () => ({}) };
  switch (status) {
    case 'submitted':
      return [];
    case 'needs_info':
      return [{ action: 'request_info', by: 'clerk', body: () => ({ message: '请补充收入证明' }) }];
    case 'rejected':
      return [{ action: 'reject', by: 'clerk', body: () => ({ reason: '不属于受理范围' }) }];
    case 'withdrawn':
      return [{ action: 'withdraw', by: 'borrower', body: () => ({ reason: '已与贷款机构和解' }) }];
    case 'lender_notified':
      return [accept];
    case 'awaiting_session':
      return [accept, lenderAccept];
    case 'unsuccessful':
      return o.closure === 'no_agreement'
        ? [
            accept,
            lenderAccept,
            {
              action: 'close_unsuccessful',
              by: 'mediator',
              body: () => ({ reason: '双方未能达成一致' }),
            },
          ]
        : [
            accept,
            { action: 'lender_decline', by: 'lenderRep', body: () => ({ reason: '不同意调解' }) },
          ];
    case 'session_scheduled':
      return [accept, lenderAccept, schedule];
    case 'awaiting_signatures':
      return [accept, lenderAccept, schedule, draft];
    case 'settled':
      return [accept, lenderAccept, schedule, draft, sign('borrower'), sign('lenderRep'), confirm];
  }
}

/**
 * A case of this world in any state, with the history that leads there: filed by the world's
 * borrower, then each action taken by the person whose it is, through the same services as
 * the API (no HTTP), so every effect, event, mail and webhook exists as in real use. A case
 * past `session_scheduled` had its session's start moved into the past with SQL (drafting
 * waits for the session to start); `settled` went through the mediator's confirm_agreement.
 */
export async function newCase(t: TestApp, w: World, o: NewCaseOptions): Promise<CaseResponse> {
  const auth = t.app.get(AuthService);
  const principals = new Map<Party, UserPrincipal>();
  const as = async (party: Party): Promise<UserPrincipal> => {
    const known = principals.get(party);
    if (known) return known;
    const version = await auth.currentTokenVersion(w[party].id);
    const p = version === null ? null : await auth.principalForUser(w[party].id, version);
    if (!p) throw new Error(`${party} of the world cannot act`);
    principals.set(party, p);
    return p;
  };
  const dto = plainToInstance(
    FileCaseDto,
    application(w.lender.id, { mediationCenterId: w.center.id, ...o.application }),
  );
  let c = await t.app.get(CasesService).file(await as('borrower'), dto);
  const actions = t.app.get(CaseActionsService);
  // The debt stated as of the app's today: tests that move the clock move it too.
  const today = new Date(t.app.get(Clock).now().getTime() + 8 * 3_600_000)
    .toISOString()
    .slice(0, 10);
  const lenderAnswer = o.lenderAnswer ?? { debtStatement: debtStatement({ asOf: today }) };
  for (const step of pathTo(t, o.status, { ...o, lenderAnswer }, w)) {
    const p = await as(step.by);
    await step.before?.(c.id);
    let body = step.body();
    if (step.action === 'sign_agreement' || step.action === 'confirm_agreement') {
      const a = await t.app.get(AgreementsService).get(p, c.id);
      body = { version: a.version, sha256: a.draftSha256 };
    }
    c = await actions.act(p, c.id, step.action, body);
  }
  if (c.status !== o.status) throw new Error(`newCase reached ${c.status}, not ${o.status}`);
  return c;
}
