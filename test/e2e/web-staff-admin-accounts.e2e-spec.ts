import { createOrganization, createStaff } from './factories';
import { ADMIN, startTestApp, TestApp } from './harness';
import { signedIn, textOf } from './support/pages';
import { browserAgent, csrfOf, submit } from './web-pages';

describe('web pages: the admin’s staff accounts', () => {
  let t: TestApp;
  let centerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    centerId = (await createOrganization(t, 'mediation_center')).id;
  });
  afterAll(() => t.close());

  const apiLogin = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ email, password });
  const card = (html: string, id: string) =>
    new RegExp(`<li[^>]*data-account="${id}"[^>]*>[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';

  it('deactivates a clerk: their open page session ends and they cannot sign in, until reactivated', async () => {
    const clerk = await createStaff(t, 'clerk', centerId, '李书记');
    const clerkPage = await signedIn(t, clerk.email, 'staff-password-123');
    await clerkPage.get('/cases').expect(200);
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const list = (await admin.get('/admin/accounts').expect(200)).text;
    expect(list).toContain('data-page="admin-accounts"');
    expect(card(list, clerk.id)).toContain('data-active="true"');
    expect(card(list, clerk.id)).toContain(clerk.email);

    await submit(admin, '/admin/accounts', `/admin/accounts/${clerk.id}/deactivate`, {}, 303);
    const after = (await admin.get('/admin/accounts').expect(200)).text;
    expect(after).toContain('账户已停用');
    expect(card(after, clerk.id)).toContain('data-active="false"');
    expect(card(after, clerk.id)).toContain('data-action="reactivate"');
    // The session they had is over, and neither door lets them back in.
    const ended = await clerkPage.get('/cases').expect(303);
    expect(ended.headers.location).toMatch(/^\/login/);
    expect((await apiLogin(clerk.email, 'staff-password-123')).status).toBe(401);
    const again = await submit(
      await browserAgent(t),
      '/login',
      '/login',
      { email: clerk.email, password: 'staff-password-123' },
      401,
    );
    expect(again.text).toContain('role="alert"');
    expect(
      (await t.http().get('/api/v1/cases').set('Authorization', `Bearer ${clerk.token}`)).status,
    ).toBe(401);

    await submit(admin, '/admin/accounts', `/admin/accounts/${clerk.id}/reactivate`, {}, 303);
    expect((await apiLogin(clerk.email, 'staff-password-123')).status).toBe(200);
    expect(card((await admin.get('/admin/accounts').expect(200)).text, clerk.id)).toContain(
      'data-active="true"',
    );
  });

  it('resets a password: the new one signs in, the old one no longer, and a short one is refused beside its field', async () => {
    const mediator = await createStaff(t, 'mediator', centerId);
    const theirPage = await signedIn(t, mediator.email, 'staff-password-123');
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const action = `/admin/accounts/${mediator.id}/password`;

    const short = await submit(admin, '/admin/accounts', action, { password: 'short' }, 400);
    expect(textOf(short.text, `f-${mediator.id}-password-error`)).toBe('密码至少需要 10 个字符');
    expect((await apiLogin(mediator.email, 'staff-password-123')).status).toBe(200);

    await submit(admin, '/admin/accounts', action, { password: 'a-new-password-42' }, 303);
    expect((await apiLogin(mediator.email, 'staff-password-123')).status).toBe(401);
    expect((await apiLogin(mediator.email, 'a-new-password-42')).status).toBe(200);
    expect((await theirPage.get('/cases').expect(303)).headers.location).toMatch(/^\/login/);
    await signedIn(t, mediator.email, 'a-new-password-42');
  });

  it('offers no deactivation of the admin’s own account and refuses it with the API’s conflict', async () => {
    const admin = await signedIn(t, ADMIN.email, ADMIN.password);
    const me = (await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body.user.id;
    const list = (await admin.get('/admin/accounts').expect(200)).text;
    expect(card(list, me)).not.toContain('data-action="deactivate"');
    const refused = await submit(
      admin,
      '/admin/accounts',
      `/admin/accounts/${me}/deactivate`,
      {},
      409,
    );
    expect(refused.text).toContain('管理员不能停用自己的账户');
    expect((await apiLogin(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('lists the accounts through the API as the page does, and refuses non-admins on both', async () => {
    const adminToken = (await apiLogin(ADMIN.email, ADMIN.password)).body.accessToken;
    const clerk = await createStaff(t, 'clerk', centerId);
    const listed = await t
      .http()
      .get('/api/v1/admin/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(listed.body).toContainEqual(
      expect.objectContaining({ id: clerk.id, role: 'clerk', email: clerk.email, active: true }),
    );
    expect(listed.body.every((u: { role: string }) => u.role !== 'borrower')).toBe(true);
    await t
      .http()
      .get('/api/v1/admin/users')
      .set('Authorization', `Bearer ${clerk.token}`)
      .expect(403);

    const clerkPage = await signedIn(t, clerk.email, 'staff-password-123');
    for (const path of ['/admin/accounts', '/admin/mail', '/admin/calendar']) {
      await clerkPage.get(path).expect(403);
    }
    const token = csrfOf((await clerkPage.get('/cases').expect(200)).text);
    const other = await createStaff(t, 'mediator', centerId);
    await clerkPage
      .post(`/admin/accounts/${other.id}/deactivate`)
      .type('form')
      .send({ _csrf: token })
      .expect(403);
    expect((await apiLogin(other.email, 'staff-password-123')).status).toBe(200);
    // Signed out, the page sends the browser to sign in first.
    const anonymous = await browserAgent(t);
    expect((await anonymous.get('/admin/accounts').expect(303)).headers.location).toBe(
      `/login?next=${encodeURIComponent('/admin/accounts')}`,
    );
  });
});
