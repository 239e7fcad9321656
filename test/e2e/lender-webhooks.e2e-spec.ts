import { act, createOrganization, newWorld, World, debtStatement } from './factories';
import type { TestApp } from './harness';
import { until } from './smtp';
import {
  accepted,
  BEARER,
  Cred,
  example,
  extend,
  flushExamples,
  LenderDesk,
  startReceiver,
  termRunning,
  withoutService,
} from './support/lender';

/** The lender's answer: it agrees, confirming the debt. */
const answer = { debtStatement: debtStatement() };

describe('lender integration: webhook delivery', () => {
  let desk: LenderDesk;
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    ({ t, admin } = desk);
  });
  afterAll(async () => {
    flushExamples();
    await desk.close();
  });
  const http = (cred: Cred) => desk.http(cred);
  const asAdmin = () => desk.asAdmin();
  const runWebhooksNow = () => desk.runWebhooksNow();
  const registerWebhook = (organizationId: string, url: string) =>
    desk.registerWebhook(organizationId, url);
  const deliveries = (w: World, webhookId: string, query = '') =>
    desk.deliveries(w, webhookId, query);

  it('receiver down for a while: the events arrive later, each once, in order per case', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await registerWebhook(w.lender.id, receiver.url);
      receiver.state.respond = () => 503;
      const one = await accepted(t, w);
      const two = await accepted(t, w);
      expect((await act(t, w.lenderRep.token, one.id, 'lender_accept', answer)).status).toBe(200);
      await termRunning(t, one.id);
      await termRunning(t, two.id);
      const propose = (id: string) => act(t, w.mediator.token, id, 'propose_extension', extend);
      expect((await propose(one.id)).status).toBe(200);
      expect((await propose(two.id)).status).toBe(200);
      expect(
        (await act(t, w.lenderRep.token, two.id, 'lender_decline', { reason: '不同意' })).status,
      ).toBe(200);

      const headAttempts = async (n: number) => {
        const rows = await t.dataSource.query(
          `SELECT d.attempts, d.status FROM webhook_deliveries d
            WHERE d.endpoint_id = $1 AND d.seq = 1`,
          [hook.id],
        );
        return rows.length === 2 && rows.every((r: { attempts: number }) => r.attempts === n);
      };
      await until(() => headAttempts(1), 'the first failed attempts');
      await runWebhooksNow();
      await until(() => headAttempts(2), 'the second failed attempts');
      expect(receiver.received.every((r) => r.status === 503)).toBe(true);
      expect(receiver.received.map((r) => r.body.type).sort()).toEqual([
        'case.accept',
        'case.accept',
        'case.accept',
        'case.accept',
      ]);

      receiver.state.respond = () => 200;
      await until(async () => {
        await runWebhooksNow();
        const log = await deliveries(w, hook.id);
        const actions = withoutService(log.map((d) => d.type));
        return actions.length === 6 && log.every((d) => d.status === 'delivered');
      }, 'all six events delivered');

      const acknowledged = (caseId: string) =>
        withoutService(
          receiver
            .forCase(caseId)
            .filter((r) => r.status === 200)
            .map((r) => r.body.type),
        );
      expect(acknowledged(one.id)).toEqual([
        'case.accept',
        'case.lender_accept',
        'case.propose_extension',
      ]);
      expect(acknowledged(two.id)).toEqual([
        'case.accept',
        'case.propose_extension',
        'case.lender_decline',
      ]);
      for (const c of [one, two]) {
        const versions = receiver.forCase(c.id).map((r) => r.body.case.version);
        expect(versions).toEqual([...versions].sort((x, y) => x - y));
      }
      const ids = receiver.received.filter((r) => r.status === 200).map((r) => r.body.id);
      expect(new Set(ids).size).toBe(ids.length);

      const log = await deliveries(w, hook.id);
      const heads = log.filter((d) => d.type === 'case.accept');
      for (const head of heads) {
        expect(head.attempts.map((a) => a.statusCode)).toEqual([503, 503, 200]);
        expect(head.attempts[0].error).toBe('HTTP 503');
      }
    } finally {
      await receiver.close();
    }
  });

  it('gives a delivery up after WEBHOOK_MAX_ATTEMPTS, sends the later ones, and lets the admin retry it', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await registerWebhook(w.lender.id, receiver.url);
      receiver.state.respond = (r) => (r.body.type === 'case.accept' ? 500 : 204);
      const c = await accepted(t, w);
      await until(async () => {
        await runWebhooksNow();
        return (await deliveries(w, hook.id)).some((d) => d.status === 'dead');
      }, 'the accept delivery to die');
      expect((await act(t, w.lenderRep.token, c.id, 'lender_accept', answer)).status).toBe(200);
      await until(
        async () => receiver.forCase(c.id).some((r) => r.body.type === 'case.lender_accept'),
        'the later event, past the dead one',
      );
      const [dead] = await deliveries(w, hook.id, '?status=dead');
      expect(dead).toMatchObject({ type: 'case.accept', attemptCount: 3 });
      expect(dead.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500]);

      receiver.state.respond = () => 200;
      const retried = await asAdmin().post(`/webhook-deliveries/${dead.id}/retry`).expect(200);
      example('Retry a dead delivery (admin)', retried, undefined, BEARER);
      expect(retried.body).toMatchObject({ status: 'pending', attemptCount: 0 });
      await until(
        async () =>
          receiver.forCase(c.id).some((r) => r.body.type === 'case.accept' && r.status === 200),
        'the retried delivery',
      );
      const heard = receiver.forCase(c.id).filter((r) => withoutService([r.body.type]).length);
      expect(heard.map((r) => [r.body.type, r.status])).toEqual([
        ['case.accept', 500],
        ['case.accept', 500],
        ['case.accept', 500],
        ['case.lender_accept', 204],
        ['case.accept', 200],
      ]);
      await asAdmin().post(`/webhook-deliveries/${dead.id}/retry`).expect(409);

      await t
        .http()
        .delete(`/api/v1/organizations/${w.lender.id}/webhooks/${hook.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(204);
      const removed = await asAdmin().get(`/organizations/${w.lender.id}/webhooks`).expect(200);
      expect(removed.body).toEqual([expect.objectContaining({ id: hook.id, active: false })]);
      await termRunning(t, c.id);
      const owed = (await deliveries(w, hook.id)).length;
      expect((await act(t, w.mediator.token, c.id, 'propose_extension', extend)).status).toBe(200);
      expect(await deliveries(w, hook.id)).toHaveLength(owed);
    } finally {
      await receiver.close();
    }
  });

  it('refuses webhook URLs to private addresses the allow-list does not name, other lenders and centre staff', async () => {
    const w = await newWorld(t);
    for (const url of ['https://10.1.2.3/hook', 'https://169.254.169.254/', 'http://127.0.0.2/']) {
      const res = await asAdmin().post(`/organizations/${w.lender.id}/webhooks`, { url });
      expect([url, res.status, res.body.errors?.[0]?.field]).toEqual([url, 400, 'url']);
    }
    const center = await createOrganization(t, 'mediation_center');
    await asAdmin()
      .post(`/organizations/${center.id}/webhooks`, { url: 'http://127.0.0.1/x' })
      .expect(409);
    // A lender manages its own webhooks only: another lender's is not found, and staff of a
    // centre may not register one at all.
    const other = await newWorld(t);
    await http({ token: other.lenderRep.token })
      .post(`/organizations/${w.lender.id}/webhooks`, { url: 'http://127.0.0.1/x' })
      .expect(404);
    await http({ token: w.clerk.token })
      .post(`/organizations/${w.lender.id}/webhooks`, { url: 'http://127.0.0.1/x' })
      .expect(403);
    const hooks = await asAdmin().get(`/organizations/${w.lender.id}/webhooks`).expect(200);
    expect(hooks.body).toEqual([]);
  });
});
