import { CaseEffectRegistry } from '../../src/cases/case-effect.registry';
import type { CaseStatus } from '../../src/workflow/states';
import { TRANSITIONS } from '../../src/workflow/transitions';
import { act, createStaff, fileCase, newWorld, World, debtStatement } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { startSession } from './support/session-started';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const session = (startHours: number) => ({
  startsAt: inHours(startHours),
  endsAt: inHours(startHours + 1),
  mode: 'online',
  meetingUrl: 'https://meet.example.cn/room/1',
});
const terms = {
  settlementAmount: '8000.00',
  installments: 10,
  firstDueDate: '2027-01-31',
  waivedAmount: '1650.40',
  clauses: ['双方确认以上还款计划'],
  payment: { channel: '好分期 App “我的账单—还款”' },
};

async function ok(res: { status: number; body: { status?: string } }, status?: string) {
  if (res.status !== 200)
    throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (status) expect(res.body.status).toBe(status);
  return res.body as Record<string, unknown> & {
    status: string;
    allowedActions: string[];
    version: number;
  };
}

describe('the whole workflow through the HTTP API', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const agreement = async (caseId: string, token: string) =>
    (
      await t
        .http()
        .get(`/api/v1/cases/${caseId}/agreement`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body;

  /** A new case in `state`, with the history that leads there. */
  const caseIn = async (state: CaseStatus) => (await newCase(t, w, { status: state })).id;

  it('every side effect the table names has a handler', () => {
    expect(() => t.app.get(CaseEffectRegistry).assertComplete()).not.toThrow();
  });

  it('takes a case from filing to settled, each role doing its part', async () => {
    const c = await fileCase(t, w);
    await ok(
      await act(t, w.clerk.token, c.id, 'request_info', { message: '请补充收入证明' }),
      'needs_info',
    );
    await ok(await act(t, w.borrower.token, c.id, 'resubmit', { note: '已补充' }), 'submitted');
    await ok(
      await act(t, w.clerk.token, c.id, 'accept', { mediatorId: w.mediator.id }),
      'lender_notified',
    );
    const answered = await ok(
      await act(t, w.lenderRep.token, c.id, 'lender_accept', {
        debtStatement: debtStatement(),
        counterProposal: { settlementAmount: '8000.00', installments: 10, waivedAmount: '1650.40' },
      }),
      'awaiting_session',
    );
    expect(answered.counterProposal).toMatchObject({ settlementAmount: '8000.00' });
    await ok(
      await act(t, w.mediator.token, c.id, 'schedule_session', session(48)),
      'session_scheduled',
    );
    await ok(
      await act(t, w.mediator.token, c.id, 'reschedule_session', {
        startsAt: inHours(50),
        endsAt: inHours(51),
      }),
    );
    await ok(
      await act(t, w.mediator.token, c.id, 'adjourn', { minutes: '双方同意下次继续协商' }),
      'awaiting_session',
    );
    await ok(
      await act(t, w.mediator.token, c.id, 'schedule_session', session(72)),
      'session_scheduled',
    );
    await startSession(t, c.id);
    await ok(await act(t, w.mediator.token, c.id, 'draft_agreement', terms), 'awaiting_signatures');
    const revised = await ok(
      await act(t, w.mediator.token, c.id, 'revise_agreement', { ...terms, installments: 12 }),
      'awaiting_signatures',
    );
    expect(revised.allowedActions).toContain('revise_agreement');
    // No mail server took the applicant's notice: the term has not started, so nothing to extend.
    expect(revised.allowedActions).not.toContain('propose_extension');
    const a = await agreement(c.id, w.borrower.token);
    expect(a.version).toBe(2);
    expect(a.schedule).toHaveLength(12);
    const afterBorrower = await ok(
      await act(t, w.borrower.token, c.id, 'sign_agreement', { version: 2, sha256: a.sha256 }),
      'awaiting_signatures',
    );
    expect(afterBorrower.allowedActions).not.toContain('sign_agreement');
    const bothSigned = await ok(
      await act(t, w.lenderRep.token, c.id, 'sign_agreement', { version: 2, sha256: a.sha256 }),
      'awaiting_signatures',
    );
    expect(bothSigned.allowedActions).toEqual([]);
    const mediatorView = (
      await t.http().get(`/api/v1/cases/${c.id}`).set('Authorization', `Bearer ${w.mediator.token}`)
    ).body;
    expect(mediatorView.allowedActions).toContain('confirm_agreement');
    await ok(
      await act(t, w.mediator.token, c.id, 'confirm_agreement', { version: 2, sha256: a.sha256 }),
      'settled',
    );

    const events = await t
      .http()
      .get(`/api/v1/cases/${c.id}/events`)
      .set('Authorization', `Bearer ${w.clerk.token}`);
    expect(events.body.map((e: { action: string }) => e.action)).toEqual([
      'file',
      'request_info',
      'resubmit',
      'accept',
      'lender_accept',
      'schedule_session',
      'reschedule_session',
      'adjourn',
      'schedule_session',
      'draft_agreement',
      'revise_agreement',
      'sign_agreement',
      'sign_agreement',
      'confirm_agreement',
    ]);
    expect(events.body.at(-1)).toMatchObject({
      from: 'awaiting_signatures',
      to: 'settled',
      actor: { role: 'mediator' },
    });
  });

  it('ends without agreement after a session, and a cancelled session returns to awaiting_session', async () => {
    const id = await caseIn('session_scheduled');
    await ok(
      await act(t, w.mediator.token, id, 'cancel_session', { reason: '申请人生病' }),
      'awaiting_session',
    );
    await ok(
      await act(t, w.mediator.token, id, 'schedule_session', session(200)),
      'session_scheduled',
    );
    const closed = await ok(
      await act(t, w.mediator.token, id, 'close_unsuccessful', {
        minutes: '双方未能就还款金额达成一致',
      }),
      'unsuccessful',
    );
    expect(closed).toMatchObject({ closureReason: 'no_agreement', eligibleForLitigation: true });
  });

  it('rejects an inadmissible application', async () => {
    const c = await fileCase(t, w);
    await ok(await act(t, w.clerk.token, c.id, 'reject', { reason: '不属于受理范围' }), 'rejected');
  });

  // Its own timeout: every action × caller × state over HTTP, several hundred requests.
  it('answers every action, for every caller, in every state, as the table says', async () => {
    const outsider = await createStaff(t, 'lender', (await newWorld(t)).lender.id);
    const admin = await createStaff(t, 'admin', null);
    const callers = {
      borrower: w.borrower.token,
      clerk: w.clerk.token,
      mediator: w.mediator.token,
      lender: w.lenderRep.token,
      admin: admin.token,
      outsider: outsider.token,
    };
    const states: CaseStatus[] = [
      'submitted',
      'needs_info',
      'lender_notified',
      'awaiting_session',
      'session_scheduled',
      'awaiting_signatures',
      'settled',
    ];
    const mismatches: string[] = [];
    for (const state of states) {
      const id = await caseIn(state);
      for (const [who, token] of Object.entries(callers)) {
        const seen = await t
          .http()
          .get(`/api/v1/cases/${id}`)
          .set('Authorization', `Bearer ${token}`);
        // Lenders see a case from review on; the mediator from assignment (accept) on.
        const beforeReview = ['submitted', 'needs_info'].includes(state);
        const visible =
          who !== 'outsider' && !((who === 'lender' || who === 'mediator') && beforeReview);
        if (seen.status !== (visible ? 200 : 404))
          mismatches.push(`${who} GET in ${state}: ${seen.status}`);
        const allowed: string[] = seen.body.allowedActions ?? [];
        for (const tr of TRANSITIONS) {
          if (tr.actor.includes('system' as never)) continue;
          const role = who === 'outsider' ? 'lender' : who;
          const mayTake = (tr.actor as readonly string[]).includes(role);
          const now = (tr.from as readonly string[]).includes(state);
          if (visible && mayTake && now && allowed.includes(tr.action)) continue; // allowed: not taken here
          const expected = !visible ? 404 : !mayTake ? 403 : 409;
          const res = await act(t, token, id, tr.action, {});
          if (res.status !== expected)
            mismatches.push(`${tr.action} by ${who} in ${state}: ${res.status} ≠ ${expected}`);
          if (
            visible &&
            mayTake &&
            now &&
            expected === 409 &&
            ![
              'sign_agreement',
              'confirm_agreement',
              'propose_extension',
              'agree_extension',
            ].includes(tr.action)
          ) {
            mismatches.push(`${tr.action} by ${who} in ${state} missing from allowedActions`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
