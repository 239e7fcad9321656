import {
  answerWithCounterProposal,
  casesAwaitingAnswer,
  fetchAndSignAgreement,
  lenderClient,
  readWebhook,
} from '../../docs/examples/lender-client';
import type { LenderClient } from '../../docs/examples/lender-client';
import { debtStatement, newWorld, World } from './factories';
import type { TestApp } from './harness';
import { newCase } from './new-case';
import { until } from './smtp';
import { accepted, LenderDesk, startReceiver } from './support/lender';

/**
 * The example lender integration (docs/examples/lender-client.ts), typed by the generated
 * types, run against the real service with a lender's API key: the lender registers its own
 * webhook, finds the case waiting for it, answers, checks the signed event, signs.
 */
describe('a lender integrating from the OpenAPI document', () => {
  let desk: LenderDesk;
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    t = desk.t;
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => desk.close());

  async function lenderWithKey(): Promise<{ w: World; client: LenderClient }> {
    const w = await newWorld(t);
    const { key } = await desk.issueKey(w.lender.id);
    return { w, client: lenderClient(baseUrl, key) };
  }

  it('registers its webhook, answers with a counter-proposal and verifies the event', async () => {
    const { w, client } = await lenderWithKey();
    const receiver = await startReceiver();
    try {
      const hook = await client.POST('/api/v1/organizations/{id}/webhooks', {
        params: { path: { id: w.lender.id } },
        body: { url: receiver.url },
      });
      expect(hook.response.status).toBe(201);
      const secret = hook.data?.secret ?? '';
      const c = await accepted(t, w);
      // The accept webhook's delivery is the lender's service: recorded on the case as a new
      // version. A client reads the case for its If-Match once that has happened.
      await until(async () => {
        await desk.runWebhooksNow();
        const r = await client.GET('/api/v1/cases/{id}', { params: { path: { id: c.id } } });
        return (
          r.data?.lenderResponseDue?.status === 'started' &&
          r.data.mediationDue?.status === 'started'
        );
      }, 'both acceptance notices served');

      const waiting = await casesAwaitingAnswer(client);
      expect(waiting.map((x) => x.id)).toContain(c.id);
      const waitingCase = waiting.find((x) => x.id === c.id);
      if (!waitingCase) throw new Error('the accepted case is not waiting for the lender');
      const answered = await answerWithCounterProposal(client, waitingCase, debtStatement());
      expect(answered.status).toBe('awaiting_session');
      // 80 % of the 9650.40 the lender confirms, the rest waived; the statement kept as sent.
      expect(answered.counterProposal).toMatchObject({
        settlementAmount: '7720.32',
        waivedAmount: '1930.08',
      });
      expect(answered.debtStatement).toMatchObject({ principal: '8000.00', fees: '250.00' });

      // Each check makes what is owed due again (an admin's "retry now"): on a loaded machine a
      // delivery that did not get through at once waits for its backoff, longer than this test.
      await until(async () => {
        await desk.runWebhooksNow();
        return receiver.forCase(c.id).some((r) => r.body.type === 'case.lender_accept');
      }, 'the lender_accept webhook');
      const got = receiver.forCase(c.id).find((r) => r.body.type === 'case.lender_accept');
      const signature = String(got?.headers['x-mediation-signature']);
      const event = readWebhook(got?.raw ?? '', signature, secret);
      expect(event).toMatchObject({
        type: 'case.lender_accept',
        case: { id: c.id, status: 'awaiting_session', version: answered.version },
      });
      expect(readWebhook(got?.raw ?? '', signature, 'whsec_not-the-secret')).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it('reads the agreement, checks the PDF’s bytes and signs that version', async () => {
    const { w, client } = await lenderWithKey();
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const { agreement, pdf, signed } = await fetchAndSignAgreement(client, c.id);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(signed.status).toBe('awaiting_signatures');
    expect(signed.allowedActions).not.toContain('sign_agreement');
    const after = await client.GET('/api/v1/cases/{id}/agreement', {
      params: { path: { id: c.id } },
    });
    expect(after.data?.version).toBe(agreement.version);
    expect(after.data?.signatures.map((s) => s.party)).toEqual(['lender']);
  });

  it('manages its own webhooks and reads their deliveries; another lender’s are 404', async () => {
    const mine = await lenderWithKey();
    const other = await lenderWithKey();
    const url = 'http://127.0.0.1:9/mediation-events';
    const created = await mine.client.POST('/api/v1/organizations/{id}/webhooks', {
      params: { path: { id: mine.w.lender.id } },
      body: { url },
    });
    const hookId = created.data?.id ?? '';
    const listed = await mine.client.GET('/api/v1/organizations/{id}/webhooks', {
      params: { path: { id: mine.w.lender.id } },
    });
    expect(listed.data?.map((h) => h.id)).toEqual([hookId]);
    await accepted(t, mine.w);
    const deliveries = await mine.client.GET(
      '/api/v1/organizations/{id}/webhooks/{webhookId}/deliveries',
      { params: { path: { id: mine.w.lender.id, webhookId: hookId } } },
    );
    expect(deliveries.data?.items.map((d) => d.type)).toEqual(['case.accept']);

    // The other lender, with its key, finds nothing of the first one's.
    const path = { id: mine.w.lender.id, webhookId: hookId };
    const answers = await Promise.all([
      other.client.GET('/api/v1/organizations/{id}/webhooks', { params: { path } }),
      other.client.POST('/api/v1/organizations/{id}/webhooks', { params: { path }, body: { url } }),
      other.client.GET('/api/v1/organizations/{id}/webhooks/{webhookId}/deliveries', {
        params: { path },
      }),
      other.client.DELETE('/api/v1/organizations/{id}/webhooks/{webhookId}', { params: { path } }),
      other.client.DELETE('/api/v1/organizations/{id}/webhooks/{webhookId}', {
        params: { path: { id: other.w.lender.id, webhookId: hookId } },
      }),
    ]);
    expect(answers.map((a) => [a.response.status, a.error?.code])).toEqual(
      Array(5).fill([404, 'NOT_FOUND']),
    );

    const removed = await mine.client.DELETE('/api/v1/organizations/{id}/webhooks/{webhookId}', {
      params: { path },
    });
    expect(removed.response.status).toBe(204);
    const after = await mine.client.GET('/api/v1/organizations/{id}/webhooks', {
      params: { path: { id: mine.w.lender.id } },
    });
    expect(after.data?.map((h) => h.active)).toEqual([false]);
  });

  it('sees the mediation centres and itself among the organizations, no other lender', async () => {
    const { w, client } = await lenderWithKey();
    const others = await newWorld(t);
    const { data } = await client.GET('/api/v1/organizations', { params: { query: {} } });
    const ids = (data ?? []).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([w.lender.id, w.center.id, others.center.id]));
    expect(ids).not.toContain(others.lender.id);
    expect((data ?? []).filter((o) => o.type === 'lender').map((o) => o.id)).toEqual([w.lender.id]);
    const lenders = await client.GET('/api/v1/organizations', {
      params: { query: { type: 'lender' } },
    });
    expect(lenders.data?.map((o) => o.id)).toEqual([w.lender.id]);
  });
});
