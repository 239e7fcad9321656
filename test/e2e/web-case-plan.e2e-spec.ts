import type TestAgent from 'supertest/lib/agent';
import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { PDF, signedIn, textOf } from './support/pages';
import { csrfOf, submit } from './web-pages';

const BORROWER_PASSWORD = 'borrower-password-1';
const STAFF_PASSWORD = 'staff-password-123';

interface Installment {
  seq: number;
  dueDate: string;
  state: string;
  amount: string;
  paid: string;
  unpaid: string;
}

/** The plan table and totals as the page shows them. */
function shownPlan(html: string) {
  const rows = [
    ...html.matchAll(
      /<tr data-seq="(\d+)" data-state="(\w+)"><td>\d+<\/td><td>([\d-]+)<\/td><td>[^<]+<\/td><td class="num">([\d.]+)<\/td><td class="num">([\d.]+)<\/td><td class="num">([\d.]+)<\/td><\/tr>/g,
    ),
  ].map(([, seq, state, dueDate, amount, paid, unpaid]): Installment => ({
    seq: Number(seq),
    dueDate,
    state,
    amount,
    paid,
    unpaid,
  }));
  const total = (name: string) =>
    new RegExp(`data-total="${name}">(?:<strong>)?¥([\\d.]+)<`).exec(html)?.[1] ?? null;
  return {
    installments: rows,
    settlement: total('settlement'),
    paid: total('paid'),
    owed: total('owed'),
    remaining: total('remaining'),
    stillOwed: total('stillOwed'),
  };
}

describe('web pages: the repayment plan on the case page', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const api = (token: string) => ({
    get: (path: string) =>
      t.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).expect(200),
    post: (path: string, body: object) =>
      t.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
  });
  const fen = (yuan: string) => Math.round(Number(yuan) * 100);

  async function expectPageEqualsApi(agent: TestAgent, caseId: string) {
    const page = await agent.get(`/cases/${caseId}`).expect(200);
    const { body: plan } = await api(w.borrower.token).get(`/cases/${caseId}/plan`);
    const shown = shownPlan(page.text);
    expect(shown.installments).toEqual(
      plan.installments.map(({ seq, dueDate, state, amount, paid, unpaid }: Installment) => ({
        seq,
        dueDate,
        state,
        amount,
        paid,
        unpaid,
      })),
    );
    expect(shown).toMatchObject({
      settlement: plan.settlement,
      paid: plan.paid,
      owed: plan.owed,
      remaining: plan.remaining,
    });
    // Still owed in total: the sealed amount less what was paid, to the fen.
    expect(fen(shown.stillOwed!)).toBe(fen(plan.settlement) - fen(plan.paid));
    return page.text;
  }

  it('shows each installment’s state and amounts, as the API’s plan, to borrower, lender and mediator', async () => {
    const c = await newCase(t, w, { status: 'settled' });
    await api(w.lenderRep.token)
      .post(`/cases/${c.id}/payments`, { amount: '700.00', paidOn: today(), reference: 'P-1' })
      .expect(201);
    for (const [email, password] of [
      [w.borrower.email, BORROWER_PASSWORD],
      [w.lenderRep.email, STAFF_PASSWORD],
      [w.mediator.email, STAFF_PASSWORD],
    ]) {
      const agent = await signedIn(t, email, password);
      const html = await expectPageEqualsApi(agent, c.id);
      expect(html).toContain('data-total="stillOwed"><strong>¥7300.00<');
      expect(html).toMatch(/data-state="paid"><td>1<\/td>[\s\S]*?<td>已还清<\/td>/);
      expect(html).toMatch(/data-seq="12" data-state="partly_paid">[\s\S]*?部分已还/);
      // Only the borrower is offered the report form.
      expect(html.includes('data-action="report-payment"')).toBe(email === w.borrower.email);
      expect(html).toContain('一笔还款 ¥700.00');
    }
    const open = await newCase(t, w, { status: 'awaiting_signatures' });
    const agent = await signedIn(t, w.borrower.email, BORROWER_PASSWORD);
    expect((await agent.get(`/cases/${open.id}`).expect(200)).text).not.toContain('id="plan"');
  });

  it('the borrower reports with proof, the lender confirms or disputes on the page', async () => {
    const c = await newCase(t, w, { status: 'settled' });
    const borrower = await signedIn(t, w.borrower.email, BORROWER_PASSWORD);
    const lender = await signedIn(t, w.lenderRep.email, STAFF_PASSWORD);
    const post = async (status: number, fields: Record<string, string>, file?: Buffer) => {
      const page = await borrower.get(`/cases/${c.id}`).expect(200);
      const r = borrower.post(`/cases/${c.id}/plan/payment-reports?_csrf=${csrfOf(page.text)}`);
      for (const [k, v] of Object.entries(fields)) r.field(k, v);
      return (file ? r.attach('file', file, { filename: '回单.pdf' }) : r.field('x', '')).expect(
        status,
      );
    };
    const noProof = await post(400, { amount: '666.66', paidOn: today() });
    expect(textOf(noProof.text, 'f-payment-report-file-error')).toContain('请上传付款凭证');
    expect(noProof.text).toContain('value="666.66"');
    const tooMuch = await post(400, { amount: '9000.00', paidOn: today() }, PDF);
    expect(textOf(tooMuch.text, 'f-payment-report-amount-error')).toContain('8000.00');

    const sent = await post(303, { amount: '666.66', paidOn: today() }, PDF);
    expect(sent.headers.location).toBe(`/cases/${c.id}#plan`);
    const reports = async () =>
      (await api(w.borrower.token).get(`/cases/${c.id}/plan/payment-reports`)).body;
    const [first] = await reports();
    expect(first).toMatchObject({ amount: '666.66', status: 'reported' });
    const mine = (await borrower.get(`/cases/${c.id}`).expect(200)).text;
    expect(mine).toContain(`data-report="${first.id}" data-report-status="reported"`);
    expect(mine).not.toContain('data-action="confirm-payment-report"');
    const theirs = (await lender.get(`/cases/${c.id}`).expect(200)).text;
    expect(theirs).toContain('data-action="confirm-payment-report"');
    expect(theirs).toContain('data-action="dispute-payment-report"');
    const proof = await lender
      .get(`/cases/${c.id}/plan/payment-reports/${first.id}/proof`)
      .expect(200);
    expect(proof.headers['content-type']).toBe('application/pdf');

    // The borrower cannot confirm their own report, even with the page's token.
    const base = `/cases/${c.id}/plan/payment-reports/${first.id}`;
    await submit(borrower, `/cases/${c.id}`, `${base}/confirm`, {}, 404);
    const confirmed = await submit(lender, `/cases/${c.id}`, `${base}/confirm`, {}, 303);
    expect(confirmed.headers.location).toBe(`/cases/${c.id}#plan`);
    expect((await reports())[0].status).toBe('confirmed');
    const after = await expectPageEqualsApi(borrower, c.id);
    expect(shownPlan(after).paid).toBe('666.66');
    expect(after).toContain('贷款机构确认收到申请人报告的还款 ¥666.66');

    await post(303, { amount: '100.00', paidOn: today() }, PDF);
    const second = (await reports())[1];
    const disputeAt = `/cases/${c.id}/plan/payment-reports/${second.id}/dispute`;
    const empty = await submit(lender, `/cases/${c.id}`, disputeAt, { reason: '' }, 400);
    expect(textOf(empty.text, `f-dispute-${second.id}-reason-error`)).toContain('请填写此项');
    await submit(lender, `/cases/${c.id}`, disputeAt, { reason: '该笔款项未到账' }, 303);
    expect((await reports())[1]).toMatchObject({
      status: 'disputed',
      disputeReason: '该笔款项未到账',
    });
    const final = await expectPageEqualsApi(borrower, c.id);
    expect(shownPlan(final).paid).toBe('666.66');
    expect(final).toContain('该笔款项未到账');
    expect(final).toContain(`data-report="${second.id}" data-report-status="disputed"`);
  });
});
