import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { Fixtures, Person } from './fixtures';
import { creditCodeCheckCharacter } from '../../src/organizations/credit-code';
import { seedId } from './seed-ids';

/** How many settled cases with a real, sealed agreement the PDF operation downloads from. */
export const AGREEMENT_CASES = 5;

export interface AgreementCase {
  id: string;
  borrowerId: string;
}

async function call(base: string, who: Person, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...who.headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} as ${who.role} answered ${res.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Agreements cannot sensibly be seeded with SQL (their PDFs, hashes and seal are the service's
 * work), so a few cases are walked through the five steps over the API, as the demo does:
 * filed by a seeded borrower, accepted, answered, a session, a 12-installment agreement drafted
 * after the session began (its start moved into the past with SQL: no API books a session
 * there), signed by both parties and confirmed by the mediator under the centre's seal.
 */
export async function seedAgreements(
  base: string,
  databaseUrl: string,
  f: Fixtures,
): Promise<AgreementCase[]> {
  await completeOrganizations(base, f);
  const out: AgreementCase[] = [];
  for (let k = 0; k < AGREEMENT_CASES; k++) {
    const signed = await walkToSigned(base, databaseUrl, f, k);
    const confirmed = await signed.confirm();
    if (confirmed.status !== 'settled')
      throw new Error(
        `case ${signed.id} is ${String(confirmed.status)}, not settled, after confirmation`,
      );
    out.push({ id: signed.id, borrowerId: signed.borrowerId });
  }
  return out;
}

/**
 * What an agreement names of its parties (the lender's credit code and address, the centre's
 * court), set as an admin does, through `PATCH /organizations/:id`; the SQL seed leaves them out.
 */
export async function completeOrganizations(base: string, f: Fixtures): Promise<void> {
  const first17 = '91310115MA1BENCH1';
  await call(base, f.admin, 'PATCH', `/api/v1/organizations/${seedId('lender', 1)}`, {
    creditCode: first17 + creditCodeCheckCharacter(first17),
    registeredAddress: '上海市浦东新区世纪大道 100 号 20 楼',
  });
  await call(base, f.admin, 'PATCH', `/api/v1/organizations/${seedId('centre', 1)}`, {
    courtName: '北京市朝阳区人民法院',
  });
}

/** A case both parties signed, with the mediator's confirmation still to send. */
export interface SignedCase extends AgreementCase {
  confirm: () => Promise<Record<string, unknown>>;
}

/** Walks one case (the k-th borrower and mediator of the fixtures) up to both signatures. */
export async function walkToSigned(
  base: string,
  databaseUrl: string,
  f: Fixtures,
  k: number,
): Promise<SignedCase> {
  const notice = (await (await fetch(`${base}/api/v1/privacy-notice`)).json()) as {
    version: string;
  };
  const zone = 'Asia/Shanghai';
  const clerk = f.clerks[0];
  const rep = f.reps[0];
  const borrower = f.borrowers[k];
  const mediator = f.mediators[k];
  const filed = await call(base, borrower, 'POST', '/api/v1/cases', {
    lenderOrganizationId: seedId('lender', 1),
    mediationCenterId: seedId('centre', 1),
    loan: {
      contractNumber: `HT-AGREEMENT-${Date.now()}-${k}`,
      principal: '12000.00',
      outstandingAmount: '9650.40',
      overdueSince: DateTime.now().setZone(zone).minus({ months: 5 }).toISODate(),
    },
    overdueReason: 'unemployment',
    reasonDetail: '公司裁员后失业，目前已重新就业，收入可以支持分期还款。',
    proposal: { installments: 12, requestWaiver: true, note: '希望减免罚息' },
    preferredMode: 'online',
    locale: 'zh-CN',
    consents: {
      privacyNoticeVersion: notice.version,
      onlineMediation: true,
      electronicService: true,
      shareWithLender: true,
    },
  });
  const id = String(filed.id);
  const act = (who: Person, action: string, body: unknown) =>
    call(base, who, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);
  await act(clerk, 'accept', { mediatorId: mediator.id });
  await act(rep, 'lender_accept', {
    debtStatement: {
      asOf: DateTime.now().setZone(zone).toISODate(),
      principal: '8000.00',
      interest: '900.00',
      penaltyInterest: '500.40',
      fees: '250.00',
    },
    counterProposal: {
      settlementAmount: '8000.00',
      installments: 12,
      waivedAmount: '1650.40',
      note: '同意减免罚息',
    },
  });
  const start = DateTime.now()
    .setZone(zone)
    .plus({ days: 1 })
    .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  await freeMediator(databaseUrl, mediator.id);
  await act(mediator, 'schedule_session', {
    startsAt: start.toISO({ suppressMilliseconds: true }),
    endsAt: start.plus({ hours: 1 }).toISO({ suppressMilliseconds: true }),
    mode: 'online',
    meetingUrl: 'https://meet.example.cn/bench',
  });
  await startSession(databaseUrl, id, k);
  await act(mediator, 'draft_agreement', {
    settlementAmount: '8000.00',
    installments: 12,
    firstDueDate: DateTime.now().setZone(zone).plus({ months: 1 }).toISODate(),
    waivedAmount: '1650.40',
    payment: {
      accountName: '某某消费金融有限公司',
      bankName: '中国工商银行上海市分行营业部',
      accountNumber: '1001234567890123456',
    },
    clauses: ['申请人可以随时提前偿还剩余款项，被申请人不收取提前还款费用。'],
    minutes: '双方同意按 12 期分期偿还 8000.00 元，被申请人减免罚息 1650.40 元。',
  });
  const agreement = await call(base, borrower, 'GET', `/api/v1/cases/${id}/agreement`);
  const confirm = { version: agreement.version, sha256: agreement.draftSha256, confirm: true };
  await act(borrower, 'sign_agreement', confirm);
  await act(rep, 'sign_agreement', confirm);
  const confirmInput = { version: agreement.version, sha256: agreement.draftSha256 };
  return {
    id,
    borrowerId: borrower.id,
    confirm: () => act(mediator, 'confirm_agreement', confirmInput),
  };
}

/**
 * Moves the case's booked session a minute or two into the past: drafting waits for its start.
 * Minutes, not hours, so a later run's sessions of the same mediator do not overlap this one's.
 */
async function startSession(databaseUrl: string, caseId: string, k: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE mediation_sessions
          SET starts_at = now() - make_interval(mins => 2 + 2 * $2::int),
              ends_at = now() - make_interval(mins => 1 + 2 * $2::int)
        WHERE case_id = $1 AND status = 'scheduled'`,
      [caseId, k],
    );
  } finally {
    await db.end();
  }
}

/** A run that failed half-way leaves a booking behind; cancel it so this run can book again. */
async function freeMediator(databaseUrl: string, mediatorId: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE mediation_sessions SET status = 'cancelled', cancel_reason = 'bench: left by a failed run'
        WHERE mediator_id = $1 AND status = 'scheduled' AND starts_at > now()`,
      [mediatorId],
    );
  } finally {
    await db.end();
  }
}
