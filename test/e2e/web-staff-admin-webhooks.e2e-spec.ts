import { createOrganization, newWorld } from './factories';
import { ADMIN } from './harness';
import type { TestApp } from './harness';
import { until } from './smtp';
import { accepted, LenderDesk, startReceiver } from './support/lender';
import { signedIn } from './support/pages';
import { submit } from './web-pages';

describe('web pages: a lender’s webhooks and their deliveries', () => {
  let desk: LenderDesk;
  let t: TestApp;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    t = desk.t;
  });
  afterAll(() => desk.close());

  const card = (html: string, attr: string, id: string) =>
    new RegExp(`<li[^>]*${attr}="${id}"[^>]*>[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';

  it('lists the webhooks and their deliveries, and retries a dead one so it is delivered', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await desk.registerWebhook(w.lender.id, receiver.url);
      receiver.state.respond = () => 500;
      const c = await accepted(t, w);
      await until(async () => {
        await desk.runWebhooksNow();
        return (await desk.deliveries(w, hook.id)).some((d) => d.status === 'dead');
      }, 'the accept delivery to die');
      const [dead] = await desk.deliveries(w, hook.id, '?status=dead');

      const admin = await signedIn(t, ADMIN.email, ADMIN.password);
      const orgPage = (await admin.get(`/admin/organizations/${w.lender.id}`).expect(200)).text;
      expect(orgPage).toContain(`href="/admin/organizations/${w.lender.id}/webhooks"`);
      const list = (await admin.get(`/admin/organizations/${w.lender.id}/webhooks`).expect(200))
        .text;
      expect(list).toContain('data-page="admin-webhooks"');
      expect(card(list, 'data-webhook', hook.id)).toContain(receiver.url);

      const page = `/admin/organizations/${w.lender.id}/webhooks/${hook.id}`;
      const shown = card((await admin.get(page).expect(200)).text, 'data-delivery', dead.id);
      expect(shown).toContain('data-status="dead"');
      expect(shown).toContain(c.caseNumber);
      expect(shown).toContain('<dd>500</dd>');
      expect(shown).toContain('data-action="retry-delivery"');

      receiver.state.respond = () => 200;
      await submit(admin, page, `${page}/deliveries/${dead.id}/retry`, {}, 303);
      await until(async () => {
        await desk.runWebhooksNow();
        return receiver.forCase(c.id).some((r) => r.status === 200);
      }, 'the retried delivery to arrive');
      const after = card(
        (await admin.get(`${page}?status=delivered`).expect(200)).text,
        'data-delivery',
        dead.id,
      );
      expect(after).toContain('data-status="delivered"');
      expect(after).not.toContain('data-action="retry-delivery"');
      // Delivered already: the API's conflict in the page's alert.
      const again = await submit(admin, page, `${page}/deliveries/${dead.id}/retry`, {}, 409);
      expect(again.text).toContain('只有已放弃的推送可以重试');
    } finally {
      await receiver.close();
    }
  });

  it('answers a centre with the API’s conflict, and refuses a lender representative', async () => {
    const center = await createOrganization(t, 'mediation_center');
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    await admin.get(`/admin/organizations/${center.id}/webhooks`).expect(409);
    const w = await newWorld(t);
    const rep = await signedIn(t, w.lenderRep.email, 'staff-password-123');
    await rep.get(`/admin/organizations/${w.lender.id}/webhooks`).expect(403);
  });
});
