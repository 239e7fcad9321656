import { createOrganization, login, randomEmail } from './factories';
import { ADMIN, startTestApp, TestApp } from './harness';
import { signedIn, textOf } from './support/pages';
import { csrfOf, submit } from './web-pages';

describe('web pages: the admin console', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates an organisation and a clerk of it, refusing a short password beside its field', async () => {
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const made = await submit(
      admin,
      '/admin',
      '/admin/organizations',
      { type: 'mediation_center', name: '海淀调解中心', contactEmail: randomEmail('centre') },
      303,
    );
    const orgId = /\/admin\/organizations\/([0-9a-f-]{36})/.exec(made.headers.location)![1];
    const email = randomEmail('clerk');
    const clerk = { role: 'clerk', name: '王书记', email, organizationId: orgId };
    const short = await submit(
      admin,
      '/admin',
      '/admin/users',
      { ...clerk, password: 'short' },
      400,
    );
    expect(textOf(short.text, 'f-staff-password-error')).toBeTruthy();
    expect(short.text).not.toContain('value="short"');
    await submit(
      admin,
      '/admin',
      '/admin/users',
      { ...clerk, password: 'clerk-password-123' },
      303,
    );
    expect(await login(t, email, 'clerk-password-123')).toBeTruthy();
    const clerkPage = await signedIn(t, email, 'clerk-password-123');
    await clerkPage.get('/admin').expect(403);
  });

  it('shows a new API key once, and revokes it so the API refuses it', async () => {
    const lender = await createOrganization(t, 'lender');
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const page = `/admin/organizations/${lender.id}`;
    const created = await submit(admin, page, `${page}/api-keys`, { name: 'core-banking' }, 200);
    const key = /<code class="secret">(mk_[^<]+)<\/code>/.exec(created.text)![1];
    await t.http().get('/api/v1/cases').set('X-API-Key', key).expect(200);
    const again = (await admin.get(page).expect(200)).text;
    expect(again).not.toContain(key);
    const keyId = /data-key="([0-9a-f-]{36})"/.exec(again)![1];
    await admin
      .post(`${page}/api-keys/${keyId}/revoke`)
      .type('form')
      .send({ _csrf: csrfOf(again) })
      .expect(303);
    await t.http().get('/api/v1/cases').set('X-API-Key', key).expect(401);
    expect((await admin.get(page).expect(200)).text).toContain('已于');
  });
});
