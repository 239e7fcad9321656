import { debtStatement, newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { signedIn, textOf } from './support/pages';
import { submit } from './web-pages';

const PASSWORD = 'staff-password-123';

describe('web pages: the lender’s answer queue and answer forms', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('lists the answers due first, soonest first, then the rest', async () => {
    const answered = await newCase(t, w, { status: 'awaiting_session' });
    const soon = await newCase(t, w, { status: 'lender_notified' });
    const later = await newCase(t, w, { status: 'lender_notified' });
    const unreviewed = await newCase(t, w, { status: 'submitted' });
    const lender = await signedIn(t, w.lenderRep.email, PASSWORD);
    const list = (await lender.get('/cases').expect(200)).text;
    const at = [soon, later, answered].map((c) => list.indexOf(c.caseNumber));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Before review passes the lender is not told of a case at all.
    expect(list).not.toContain(unreviewed.caseNumber);
    // No lender filter for a lender: they see their own organisation's cases only.
    expect(list).not.toContain('name="lenderOrganizationId"');
  });

  it('shows the lender the applicant masked, the centre unmasked', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const lender = await signedIn(t, w.lenderRep.email, PASSWORD);
    const page = (await lender.get(`/cases/${c.id}`).expect(200)).text;
    expect(page).not.toContain(w.borrower.phone);
    expect(page).not.toContain(w.borrower.idNumber);
    expect(page).toMatch(/data-field="phone">\d{3}\*{4}\d{4}</);
    expect(page).toMatch(/data-field="idNumber">\d{6}\*{8}[\dX]{4}</);
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);
    const full = (await clerk.get(`/cases/${c.id}`).expect(200)).text;
    expect(full).toContain(`data-field="phone">${w.borrower.phone}<`);
    expect(full).toContain(`data-field="idNumber">${w.borrower.idNumber}<`);
  });

  it('accepts with the debt statement and a counter-proposal, refusing half of either beside its fields', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const lender = await signedIn(t, w.lenderRep.email, PASSWORD);
    const page = `/cases/${c.id}`;
    const action = `/cases/${c.id}/actions/lender_accept`;
    const form = (await lender.get(page).expect(200)).text;
    expect(form).toContain('name="debtStatement.penaltyInterest"');
    const debt = Object.fromEntries(
      Object.entries(debtStatement()).map(([k, v]) => [`debtStatement.${k}`, v]),
    );
    // No statement of the debt: refused, whatever else is given.
    const none = await submit(lender, page, action, {}, 400);
    expect(none.text).toContain('role="alert"');
    const noFees: Record<string, string> = { ...debt };
    delete noFees['debtStatement.fees'];
    const halfDebt = await submit(lender, page, action, noFees, 400);
    expect(textOf(halfDebt.text, 'f-lender_accept-debtStatement-fees-error')).toBeTruthy();
    expect(halfDebt.text).toContain('value="500.40"'); // what was typed, shown again
    const half = await submit(
      lender,
      page,
      action,
      { ...debt, 'counterProposal.installments': '6' },
      400,
    );
    expect(
      textOf(half.text, 'f-lender_accept-counterProposal-settlementAmount-error'),
    ).toBeTruthy();
    const [before] = await t.dataSource.query('SELECT status FROM cases WHERE id = $1', [c.id]);
    expect(before.status).toBe('lender_notified');

    await submit(
      lender,
      page,
      action,
      {
        ...debt,
        'counterProposal.settlementAmount': '8800.00',
        'counterProposal.installments': '6',
        'counterProposal.waivedAmount': '850.40',
        'counterProposal.note': '首期须在签署后七日内支付',
      },
      303,
    );
    const [after] = await t.dataSource.query(
      'SELECT status, counter_proposal, debt_statement FROM cases WHERE id = $1',
      [c.id],
    );
    expect(after.status).toBe('awaiting_session');
    expect(after.counter_proposal).toMatchObject({ installments: 6 });
    expect(after.debt_statement).toBeTruthy();
    const api = await t
      .http()
      .get(`/api/v1/cases/${c.id}`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(200);
    expect(api.body.debtStatement).toMatchObject({ penaltyInterest: '500.40', total: '9650.40' });
    const shown = (await lender.get(page).expect(200)).text;
    expect(shown).toContain('8800.00');
  });

  it('declines only with a reason', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const lender = await signedIn(t, w.lenderRep.email, PASSWORD);
    const page = `/cases/${c.id}`;
    const action = `/cases/${c.id}/actions/lender_decline`;
    const empty = await submit(lender, page, action, {}, 400);
    expect(textOf(empty.text, 'f-lender_decline-reason-error')).toBeTruthy();
    await submit(lender, page, action, { reason: '该笔借款已转让，不同意调解' }, 303);
    const [row] = await t.dataSource.query(
      'SELECT status, closure_reason FROM cases WHERE id = $1',
      [c.id],
    );
    expect(row).toEqual({ status: 'unsuccessful', closure_reason: 'lender_declined' });
  });
});
