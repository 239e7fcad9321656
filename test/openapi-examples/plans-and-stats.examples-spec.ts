import { randomUUID } from 'node:crypto';
import { adminToken, beijingToday, newWorld, World } from '../e2e/factories';
import { startTestApp, TestApp } from '../e2e/harness';
import { defaultTerms, newCase } from '../e2e/new-case';
import { examplesApi } from './examples-api';

/**
 * After the seal (the plan, the lender's payments one by one and by file, the 结清证明 and its
 * check) and the staff console's reads (statistics, the print log, the mediators' workload
 * and calendar, the schedule preview), each answer once, and the refusals a client meets.
 * The default terms are 8000.00 in 12 installments: 666.66 × 11 and 666.74 last.
 */
describe('after settlement and the staff console (recorded as the document’s examples)', () => {
  let t: TestApp;
  let w: World;
  let lender: { key: string };
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://mediation.test' });
    w = await newWorld(t);
    const admin = await adminToken(t);
    const api = examplesApi(t);
    lender = {
      key: (await api.post(201, `/organizations/${w.lender.id}/api-keys`, admin, {})).key,
    };
  });
  afterAll(() => t?.close());

  it('a plan paid to the last fen, by report and by file, and its certificate checked', async () => {
    const api = examplesApi(t);
    const h = () => api.http();
    const u = api.url;
    const [a, b] = await Promise.all([
      newCase(t, w, { status: 'settled' }),
      newCase(t, w, { status: 'settled' }),
    ]);
    await api.get(200, `/cases/${a.id}/plan`, w.borrower.token);
    const paidOn = beijingToday();
    const pay = (caseId: string, body: object) =>
      h()
        .post(u(`/cases/${caseId}/payments`))
        .send(body);
    const first = { amount: '1000.00', paidOn, reference: 'HF-20261202-000123' };
    await api.post(201, `/cases/${a.id}/payments`, lender, first);
    // The same report again, as a retry after a lost answer would send it: nothing applied.
    await api.post(200, `/cases/${a.id}/payments`, lender, first);
    await api.fail('CONFLICT', pay(a.id, { ...first, amount: '100.00' }), lender);
    const unsettled = await newCase(t, w, { status: 'awaiting_signatures' });
    await api.fail('NOT_FOUND', h().get(u(`/cases/${unsettled.id}/plan`)), w.lenderRep.token);
    await api.fail('NOT_FOUND', h().get(u(`/cases/${a.id}/plan/certificate`)), w.borrower.token);

    // A file of three rows over both cases: one amount without its decimals refuses it whole.
    const header = 'case,reference,amount,paidOn';
    const csv = (third: string) =>
      [
        header,
        `${a.caseNumber},HF-20261202-000124,666.66,${paidOn}`,
        `${b.caseNumber},HF-20261202-000125,1200.00,${paidOn}`,
        `${b.caseNumber},HF-20261202-000126,${third},${paidOn}`,
      ].join('\n');
    await api.fail(
      'VALIDATION_FAILED',
      h()
        .post(u('/payments/import'))
        .send({ csv: csv('300.5') }),
      lender,
    );
    await api.post(200, '/payments/import', lender, {
      payments: [
        { case: a.caseNumber, reference: 'HF-20261202-000124', amount: '666.66', paidOn },
        { case: b.caseNumber, reference: 'HF-20261202-000125', amount: '1200.00', paidOn },
        { case: b.caseNumber, reference: 'HF-20261202-000126', amount: '300.50', paidOn },
      ],
    });

    // The rest of case a in one payment: the plan completes and its certificate is sealed.
    const before = await api.get(200, `/cases/${a.id}/plan`, lender);
    const rest = (Number(before.owed) + Number(before.remaining)).toFixed(2);
    await api.post(201, `/cases/${a.id}/payments`, lender, {
      amount: rest,
      paidOn,
      reference: 'HF-20261202-000200',
    });
    await api.get(200, `/cases/${a.id}/plan`, w.borrower.token);
    const certificate = await api.bytes(200, `/cases/${a.id}/plan/certificate`, w.borrower.token);
    await api.upload(200, '/verify/settlement-certificate', null, certificate, '结清证明.pdf');
    // The agreement is a sealed PDF of this service, but not a settlement certificate.
    const agreement = await api.bytes(200, `/cases/${a.id}/agreement/pdf`, w.clerk.token);
    await api.fail(
      'NOT_FOUND',
      h().post(u('/verify/settlement-certificate')).attach('file', agreement, 'agreement.pdf'),
    );
    await api.get(200, '/agreements/prints', w.clerk.token);
    // The lender confirms the completion it was asked to confirm.
    await api.post(200, `/cases/${a.id}/plan/confirm-completion`, lender);
    // Case b's first unpaid installment past its grace days (the lateness job's mark, set here
    // without waiting for the calendar): only then may the lender invoke acceleration.
    await t.dataSource.query(
      `UPDATE plan_installments SET state = 'late', late_at = now()
        WHERE id = (SELECT id FROM plan_installments
                     WHERE case_id = $1 AND state <> 'paid' ORDER BY seq LIMIT 1)`,
      [b.id],
    );
    await api.post(201, `/cases/${b.id}/plan/acceleration`, lender, {
      note: '第 3 期逾期已超过宽限期，依协议第六条主张剩余款项提前到期。',
    });
    // The lender waives what is left of case b's last installment; a second waiver is refused.
    const plan = await api.get(200, `/cases/${b.id}/plan`, lender);
    const last = plan.installments.at(-1);
    const waive = `/cases/${b.id}/plan/installments/${last.seq}/waive`;
    await api.post(201, waive, lender, {
      reason: '申请人失业，经协商同意减免最后一期剩余款项。',
      amount: last.unpaid,
    });
    await api.fail('CONFLICT', h().post(u(waive)).send({ reason: '再次减免' }), lender);
  });

  it('the staff console: statistics, the mediators, a slot, a schedule previewed', async () => {
    const api = examplesApi(t);
    const h = () => api.http();
    const u = api.url;
    for (const status of ['unsuccessful', 'withdrawn', 'rejected'] as const) {
      await newCase(t, w, { status });
    }
    const booked = await newCase(t, w, { status: 'session_scheduled' });
    await api.get(200, '/stats', w.clerk.token);
    await api.get(200, '/admin/users', await adminToken(t));
    await api.get(200, '/mediators/workload', w.clerk.token);
    const [session] = await api.get(200, `/cases/${booked.id}/sessions`, w.mediator.token);
    const overlap = new URLSearchParams({ startsAt: session.startsAt, endsAt: session.endsAt });
    await api.get(200, `/mediators/me/slot-check?${overlap}`, w.mediator.token);

    const preview = `/cases/${booked.id}/agreement/schedule-preview`;
    await api.post(200, preview, w.mediator.token, defaultTerms({ installments: 7 }));
    await api.fail(
      'CASE_NOT_FOUND',
      h()
        .post(u(`/cases/${randomUUID()}/agreement/schedule-preview`))
        .send(defaultTerms()),
      w.mediator.token,
    );
  });
});
