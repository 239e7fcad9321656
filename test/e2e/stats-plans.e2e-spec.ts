import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { newCase } from './new-case';
import { signedIn } from './support/pages';

const PASSWORD = 'staff-password-123';

/** `2027-01-15` plus `days` calendar days. */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/*
 * `/stats` counts the repayment plans kept, late and completed. Late as docs/plans.md says: an
 * installment unpaid more than the grace days (15) after its due date. The default terms: 8000.00
 * in 12 monthly installments from 40 days ahead, 666.66 × 11 and 666.74 last.
 */
describe('statistics: repayment plans kept, late and completed', () => {
  const clock = new MovableClock();
  let t: TestApp;
  let w: World;
  let firstDue: string;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' }, { clock });
    w = await newWorld(t);
    const today = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const pay = (caseId: string, amount: string, reference: string) =>
      t
        .http()
        .post(`/api/v1/cases/${caseId}/payments`)
        .set('Authorization', `Bearer ${w.lenderRep.token}`)
        .send({ amount, paidOn: today, reference })
        .expect(201);
    const [kept, , partly, completed] = [
      await newCase(t, w, { status: 'settled' }),
      await newCase(t, w, { status: 'settled' }),
      await newCase(t, w, { status: 'settled' }),
      await newCase(t, w, { status: 'settled' }),
    ];
    await newCase(t, w, { status: 'awaiting_signatures' });
    await pay(kept.id, '666.66', 'K-1'); // the first installment, in full
    await pay(partly.id, '100.00', 'P-1'); // part of the first
    await pay(completed.id, '8000.00', 'C-1');
    const plan = await t
      .http()
      .get(`/api/v1/cases/${kept.id}/plan`)
      .set('Authorization', `Bearer ${w.clerk.token}`)
      .expect(200);
    firstDue = plan.body.installments[0].dueDate;
  });
  afterAll(() => t.close());

  const plans = async (token: string) =>
    (await t.http().get('/api/v1/stats').set('Authorization', `Bearer ${token}`).expect(200)).body
      .plans;

  it('counts a plan late only once an installment is unpaid beyond the grace days', async () => {
    expect(await plans(w.clerk.token)).toEqual({ kept: 3, late: 0, completed: 1 });
    // The 15th day after the first due date: still within the grace days.
    clock.setTo(`${plusDays(firstDue, 15)}T12:00:00+08:00`);
    expect(await plans(w.clerk.token)).toEqual({ kept: 3, late: 0, completed: 1 });
    // The 16th: the two plans whose first installment is not paid in full are late.
    clock.setTo(`${plusDays(firstDue, 16)}T12:00:00+08:00`);
    expect(await plans(w.clerk.token)).toEqual({ kept: 1, late: 2, completed: 1 });
    const other = await newWorld(t);
    expect(await plans(other.clerk.token)).toEqual({ kept: 0, late: 0, completed: 0 });
  });

  it('shows the same figures on /stats', async () => {
    clock.setTo(`${plusDays(firstDue, 16)}T12:00:00+08:00`);
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);
    const page = (await clerk.get('/stats').expect(200)).text;
    expect(page).toContain('data-figure="plansKept">1<');
    expect(page).toContain('data-figure="plansLate">2<');
    expect(page).toContain('data-figure="plansCompleted">1<');
    expect(page).toContain('还款计划');
  });
});
