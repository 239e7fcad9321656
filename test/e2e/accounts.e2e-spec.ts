import { adminToken, createStaff, login, registerBorrower } from './factories';
import { ADMIN, startTestApp, TestApp } from './harness';
import { b64, signJwt } from './support/tokens';
import { browserAgent, submit } from './web-pages';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('accounts: deactivation, password change and reset end every credential', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    // Callers kept a minute (production keeps them 5 s): each change must still end the
    // credentials on the very next request, as this process forgets the caller it kept.
    t = await startTestApp({ RUN_WORKER: 'false', PRINCIPAL_CACHE_SECONDS: '60' });
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  /** A borrower signed in twice: a bearer token and a browser's page session. */
  async function signedInTwice() {
    const b = await registerBorrower(t);
    const agent = await browserAgent(t);
    await submit(
      agent,
      '/login',
      '/login',
      { email: b.email, password: 'borrower-password-1' },
      303,
    );
    await agent.get('/cases').expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(b.token)).expect(200);
    return { b, agent };
  }

  it('a deactivated account loses its token and page session, and cannot sign in', async () => {
    const { b, agent } = await signedInTwice();
    const res = await t
      .http()
      .post(`/api/v1/admin/users/${b.id}/deactivate`)
      .set(bearer(admin))
      .expect(200);
    expect(res.body).toMatchObject({ id: b.id, active: false });
    await t.http().get('/api/v1/auth/me').set(bearer(b.token)).expect(401);
    expect((await agent.get('/cases').expect(303)).headers.location).toMatch(/^\/login/);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: b.email, password: 'borrower-password-1' })
      .expect(401);
  });

  it('reactivation lets the owner sign in again, but no token from before returns', async () => {
    const { b } = await signedInTwice();
    await t.http().post(`/api/v1/admin/users/${b.id}/deactivate`).set(bearer(admin)).expect(200);
    const res = await t
      .http()
      .post(`/api/v1/admin/users/${b.id}/reactivate`)
      .set(bearer(admin))
      .expect(200);
    expect(res.body.active).toBe(true);
    await t.http().get('/api/v1/auth/me').set(bearer(b.token)).expect(401);
    const fresh = await login(t, b.email, 'borrower-password-1');
    await t.http().get('/api/v1/auth/me').set(bearer(fresh)).expect(200);
  });

  it('a password change ends the old token and page session and answers a working token', async () => {
    const { b, agent } = await signedInTwice();
    const res = await t
      .http()
      .post('/api/v1/auth/password')
      .set(bearer(b.token))
      .send({ currentPassword: 'borrower-password-1', newPassword: 'a-new-password-22' })
      .expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(b.token)).expect(401);
    await agent.get('/cases').expect(303);
    await t.http().get('/api/v1/auth/me').set(bearer(res.body.accessToken)).expect(200);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: b.email, password: 'borrower-password-1' })
      .expect(401);
    await login(t, b.email, 'a-new-password-22');
  });

  it('refuses a kept token the second it expires, and its payload changed under its signature', async () => {
    const b = await registerBorrower(t);
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: b.id, iat: now, exp: now + 3, tv: 0 };
    const token = signJwt(claims, t.config.jwtSecret!);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    // Kept by its exact text: a longer life under the same signature is not the same token.
    const [header, , signature] = token.split('.');
    const stretched = `${header}.${b64({ ...claims, exp: now + 600 })}.${signature}`;
    await t.http().get('/api/v1/auth/me').set(bearer(stretched)).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, (now + 3) * 1000 - Date.now() + 50));
    const late = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(401);
    expect(late.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a password change with the wrong current password and changes nothing', async () => {
    const b = await registerBorrower(t);
    const res = await t
      .http()
      .post('/api/v1/auth/password')
      .set(bearer(b.token))
      .send({ currentPassword: 'not-my-password', newPassword: 'a-new-password-22' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'currentPassword', message: 'is not the password' }]);
    await t.http().get('/api/v1/auth/me').set(bearer(b.token)).expect(200);
    await login(t, b.email, 'borrower-password-1');
  });

  it('a stolen token cannot guess the password faster than the login throttle allows', async () => {
    const b = await registerBorrower(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t
        .http()
        .post('/api/v1/auth/password')
        .set(bearer(b.token))
        .send({ currentPassword: `guess-number-${i}`, newPassword: 'a-new-password-22' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });

  it("an admin's reset ends the old credentials and the new password works", async () => {
    const { b, agent } = await signedInTwice();
    await t
      .http()
      .post(`/api/v1/admin/users/${b.id}/password`)
      .set(bearer(admin))
      .send({ password: 'set-by-the-admin-1' })
      .expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(b.token)).expect(401);
    await agent.get('/cases').expect(303);
    await login(t, b.email, 'set-by-the-admin-1');
  });

  it('only an admin may deactivate, reactivate or reset; nobody else, and no one anonymously', async () => {
    const b = await registerBorrower(t);
    const victim = await registerBorrower(t);
    const clerk = await createStaff(t, 'clerk', (await centre()).id);
    for (const path of ['deactivate', 'reactivate', 'password']) {
      const url = `/api/v1/admin/users/${victim.id}/${path}`;
      const body = { password: 'set-by-the-admin-1' };
      await t.http().post(url).send(body).expect(401);
      await t.http().post(url).set(bearer(b.token)).send(body).expect(403);
      await t.http().post(url).set(bearer(clerk.token)).send(body).expect(403);
    }
    await t.http().get('/api/v1/auth/me').set(bearer(victim.token)).expect(200);
    await login(t, victim.email, 'borrower-password-1');
  });

  it('an admin cannot lock themselves out; an unknown user is 404', async () => {
    const me = await t.http().get('/api/v1/auth/me').set(bearer(admin)).expect(200);
    const res = await t
      .http()
      .post(`/api/v1/admin/users/${me.body.id}/deactivate`)
      .set(bearer(admin))
      .expect(409);
    expect(res.body.code).toBe('CONFLICT');
    await login(t, ADMIN.email, ADMIN.password);
    await t
      .http()
      .post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/deactivate')
      .set(bearer(admin))
      .expect(404);
  });

  it('a token without a token version is refused', async () => {
    const b = await registerBorrower(t);
    const { JwtService } = await import('@nestjs/jwt');
    const forged = await t.app
      .get(JwtService)
      .signAsync({ sub: b.id, role: 'borrower', org: null }, { expiresIn: 600 });
    await t.http().get('/api/v1/auth/me').set(bearer(forged)).expect(401);
  });

  async function centre() {
    const res = await t
      .http()
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({
        type: 'mediation_center',
        name: '朝阳调解中心 accounts',
        contactEmail: 'c@example.test',
      })
      .expect(201);
    return res.body as { id: string };
  }
});
