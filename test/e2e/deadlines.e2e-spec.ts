import { CaseDeadlinesService } from '../../src/cases/case-deadlines.service';
import { act, newWorld, debtStatement } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';
import { DAY_MS, MovableClock } from './movable-clock';

const systemEvents = async (t: TestApp, caseId: string) =>
  t.dataSource.query(
    `SELECT action, actor_role FROM case_events WHERE case_id = $1 AND actor_role = 'system'`,
    [caseId],
  );

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('deadlines', () => {
  let a: TestApp;
  let b: TestApp;
  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  it('closes unanswered cases as lender_no_response exactly once, with two instances sweeping', async () => {
    const clock = new MovableClock();
    const env = { RUN_WORKER: 'false' };
    a = await startTestApp(env, { clock });
    b = await startTestApp(env, { databaseUrl: a.databaseUrl, clock });
    const w = await newWorld(a);
    const cases = await Promise.all(
      Array.from({ length: 6 }, () => newCase(a, w, { status: 'lender_notified' })),
    );
    clock.advance(8 * DAY_MS);
    const [closedByA, closedByB] = await Promise.all([
      a.app.get(CaseDeadlinesService).sweep(),
      b.app.get(CaseDeadlinesService).sweep(),
    ]);
    expect(closedByA + closedByB).toBe(6);
    for (const c of cases) {
      const res = await a
        .http()
        .get(`/api/v1/cases/${c.id}`)
        .set('Authorization', `Bearer ${w.borrower.token}`);
      expect(res.body).toMatchObject({
        status: 'unsuccessful',
        closureReason: 'lender_no_response',
      });
      expect(await systemEvents(a, c.id)).toEqual([
        { action: 'expire_lender_response', actor_role: 'system' },
      ]);
      // Its notifications are queued with it: one mail each to the borrower, the lender and the mediator.
      const mails = await a.dataSource.query(
        `SELECT to_address FROM mail_outbox WHERE case_id = $1 AND kind LIKE 'expire_lender_response.%' ORDER BY kind`,
        [c.id],
      );
      expect(mails.map((m: { to_address: string }) => m.to_address).sort()).toEqual(
        [w.borrower.email, w.lender.contactEmail, w.mediator.email].sort(),
      );
    }
    // A late answer changes nothing.
    const late = await act(a, w.lenderRep.token, cases[0].id, 'lender_accept', {
      debtStatement: debtStatement(),
    });
    expect(late.status).toBe(409);
    expect(late.body.currentStatus).toBe('unsuccessful');
  });

  it('closes an overdue case before a late answer, even between sweeps', async () => {
    const clock = new MovableClock();
    a = await startTestApp({ RUN_WORKER: 'false' }, { clock });
    const w = await newWorld(a);
    const c = await newCase(a, w, { status: 'lender_notified' });
    clock.advance(8 * DAY_MS);
    const late = await act(a, w.lenderRep.token, c.id, 'lender_accept', {
      debtStatement: debtStatement(),
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ currentStatus: 'unsuccessful', allowedActions: [] });
    expect(await systemEvents(a, c.id)).toEqual([
      { action: 'expire_lender_response', actor_role: 'system' },
    ]);
    const events = await a.dataSource.query(
      'SELECT action FROM case_events WHERE case_id = $1 ORDER BY id',
      [c.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'file',
      'accept',
      'expire_lender_response',
    ]);
  });

  it('closes a case whose mediation term ran out as term_expired, on its own timer', async () => {
    const clock = new MovableClock();
    a = await startTestApp({ DEADLINE_SWEEP_MS: '200' }, { clock });
    const w = await newWorld(a);
    const c = await newCase(a, w, { status: 'lender_notified' });
    const answer = { debtStatement: debtStatement() };
    expect((await act(a, w.lenderRep.token, c.id, 'lender_accept', answer)).status).toBe(200);
    clock.advance(31 * DAY_MS);
    const closed = await until(async () => {
      const res = await a
        .http()
        .get(`/api/v1/cases/${c.id}`)
        .set('Authorization', `Bearer ${w.borrower.token}`);
      return res.body.status === 'unsuccessful' ? res.body : undefined;
    });
    expect(closed.closureReason).toBe('term_expired');
    expect(await systemEvents(a, c.id)).toEqual([{ action: 'expire_term', actor_role: 'system' }]);
  });
});
