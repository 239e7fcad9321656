import { CaseDeadlinesService } from '../../src/cases/case-deadlines.service';
import { act, newWorld, debtStatement } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { startSmtp, TestSmtp, until } from './smtp';
import { caseAs, serveNotices } from './support/deadlines';

const systemEvents = async (t: TestApp, caseId: string) =>
  t.dataSource.query(
    `SELECT action, actor_role FROM case_events
      WHERE case_id = $1 AND actor_role = 'system' AND action LIKE 'expire_%'`,
    [caseId],
  );

const SECOND = 1000;
const instant = (iso: string, deltaMs: number) => new Date(new Date(iso).getTime() + deltaMs);

describe('the deadline sweeper', () => {
  let smtp: TestSmtp;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
  });
  afterAll(() => smtp.stop());

  it('acts on an unanswered window once it passed 24:00 of its last day, once, with two instances sweeping', async () => {
    const clock = new MovableClock();
    const env = { RUN_WORKER: 'false', SMTP_URL: smtp.url };
    a = await startTestApp(env, { clock });
    b = await startTestApp(env, { databaseUrl: a.databaseUrl, clock });
    const w = await newWorld(a);
    const cases = await Promise.all(
      Array.from({ length: 6 }, () => newCase(a, w, { status: 'lender_notified' })),
    );
    for (const c of cases) await serveNotices(a, c.id);
    const ends = await Promise.all(
      cases.map(async (c) => (await caseAs(a, w.borrower.token, c.id)).lenderResponseDue.at),
    );
    const last = ends.sort().at(-1)!;
    // 23:59:59 of the last day: the period still runs.
    clock.setTo(instant(ends[0], -SECOND));
    expect(await a.app.get(CaseDeadlinesService).sweep()).toBe(0);
    clock.setTo(instant(last, SECOND));
    const [closedByA, closedByB] = await Promise.all([
      a.app.get(CaseDeadlinesService).sweep(),
      b.app.get(CaseDeadlinesService).sweep(),
    ]);
    expect(closedByA + closedByB).toBe(6);
    expect(await a.app.get(CaseDeadlinesService).sweep()).toBe(0);
    for (const c of cases) {
      expect(await caseAs(a, w.borrower.token, c.id)).toMatchObject({
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
    a = await startTestApp({ RUN_WORKER: 'false', SMTP_URL: smtp.url }, { clock });
    const w = await newWorld(a);
    const c = await newCase(a, w, { status: 'lender_notified' });
    await serveNotices(a, c.id);
    clock.setTo(instant((await caseAs(a, w.borrower.token, c.id)).lenderResponseDue.at, SECOND));
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
      'record_lender_service',
      'record_borrower_service',
      'expire_lender_response',
    ]);
  });

  it('closes a case whose mediation term ran out as term_expired, on its own timer', async () => {
    const clock = new MovableClock();
    a = await startTestApp({ DEADLINE_SWEEP_MS: '200', SMTP_URL: smtp.url }, { clock });
    const w = await newWorld(a);
    const c = await newCase(a, w, { status: 'lender_notified' });
    const answer = { debtStatement: debtStatement() };
    expect((await act(a, w.lenderRep.token, c.id, 'lender_accept', answer)).status).toBe(200);
    // The worker delivers the applicant's notice; from then the term runs.
    const served = await until(async () => {
      const now = await caseAs(a, w.borrower.token, c.id);
      return now.mediationDue.status === 'started' ? now : null;
    }, 'the acceptance notice delivered to the applicant');
    clock.setTo(instant(served.mediationDue.at, SECOND));
    const closed = await until(async () => {
      const now = await caseAs(a, w.borrower.token, c.id);
      return now.status === 'unsuccessful' ? now : null;
    }, 'the sweeper to close the case');
    expect(closed.closureReason).toBe('term_expired');
    expect(await systemEvents(a, c.id)).toEqual([{ action: 'expire_term', actor_role: 'system' }]);
  });
});
