import { randomUUID } from 'node:crypto';
import { adminToken, createStaff, newWorld } from '../factories';
import type { TestApp } from '../harness';
import { newCase } from '../new-case';
import type { NewCaseOptions } from '../new-case';
import { startSession } from './session-started';

type Who = 'anonymous' | 'borrower' | 'clerk' | 'mediator' | 'lender' | 'admin';

/** For each action: the case state where its caller may take it, so its input is read. */
const ACTION_AT: Record<string, [NewCaseOptions['status'] | 'started', Who]> = {
  request_info: ['submitted', 'clerk'],
  reject: ['submitted', 'clerk'],
  accept: ['submitted', 'clerk'],
  withdraw: ['submitted', 'borrower'],
  resubmit: ['needs_info', 'borrower'],
  lender_accept: ['lender_notified', 'lender'],
  lender_decline: ['lender_notified', 'lender'],
  propose_extension: ['lender_notified', 'mediator'],
  agree_extension: ['lender_notified', 'borrower'],
  schedule_session: ['awaiting_session', 'mediator'],
  reschedule_session: ['session_scheduled', 'mediator'],
  cancel_session: ['session_scheduled', 'mediator'],
  adjourn: ['session_scheduled', 'mediator'],
  close_unsuccessful: ['session_scheduled', 'mediator'],
  draft_agreement: ['started', 'mediator'],
  revise_agreement: ['awaiting_signatures', 'mediator'],
  confirm_agreement: ['awaiting_signatures', 'mediator'],
  sign_agreement: ['awaiting_signatures', 'borrower'],
};

export interface FuzzWorld {
  /** Where to send a malformed body for this operation, and whose token (none: public). */
  target(key: string, whoMayCall: string | null): { path: string; token: string | null };
}

/** One world with a case in each state the actions start from. */
export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const w = await newWorld(t);
  const admin = await adminToken(t);
  const spare = await createStaff(t, 'mediator', w.center.id);
  const cases = new Map<string, string>();
  for (const status of new Set(Object.values(ACTION_AT).map(([s]) => s))) {
    const c = await newCase(t, w, { status: status === 'started' ? 'session_scheduled' : status });
    if (status === 'started') await startSession(t, c.id);
    cases.set(status, c.id);
  }
  const complaint = await t
    .http()
    .post('/api/v1/complaints')
    .set('Authorization', `Bearer ${w.borrower.token}`)
    .send({ caseId: cases.get('lender_notified'), category: 'fees', description: '多收手续费' })
    .expect(201);
  const tokens: Record<Who, string | null> = {
    anonymous: null,
    borrower: w.borrower.token,
    clerk: w.clerk.token,
    mediator: w.mediator.token,
    lender: w.lenderRep.token,
    admin,
  };
  const ids: Record<string, string> = {
    '/admin/users/{id}': spare.id,
    '/organizations/{id}': w.lender.id,
    '/cases/{id}': cases.get('awaiting_signatures')!,
    '/complaints/{id}': complaint.body.id,
    '/postal-tasks/{id}': randomUUID(),
  };
  return {
    target(key, whoMayCall) {
      const path = key.split(' ')[1];
      const action = /\/actions\/([a-z_]+)$/.exec(path)?.[1];
      if (action && ACTION_AT[action]) {
        const [status, who] = ACTION_AT[action];
        return { path: path.replace('{id}', cases.get(status)!), token: tokens[who] };
      }
      let concrete = path
        .replace('{action}', 'withdraw')
        .replace('{year}', '2026')
        .replace('{kind}', 'shareWithLender');
      const prefix = Object.keys(ids).find((p) => concrete.includes(p));
      if (prefix) concrete = concrete.replace(prefix, prefix.replace('{id}', ids[prefix]));
      if (path.endsWith('/actions/{action}')) {
        concrete = concrete.replace(ids['/cases/{id}'], cases.get('submitted')!);
      }
      // The first role the document names may call it; "any signed-in user": a borrower.
      const who = (whoMayCall?.match(/\b(borrower|clerk|mediator|lender|admin)\b/)?.[1] ??
        (whoMayCall ? 'borrower' : 'anonymous')) as Who;
      return { path: concrete, token: tokens[who] };
    },
  };
}
