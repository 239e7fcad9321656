import { borrowerRegistration, registerBorrower } from './factories';
import { startTestApp, TestApp } from './harness';
import { browserAgent, csrfOf, setCookie, signUpInBrowser } from './web-pages';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The caller of a request is kept PRINCIPAL_CACHE_SECONDS by each process (production: 5 s):
 * the instance that changes an account's credentials forgets it at once (accounts.e2e-spec.ts
 * and rights-routes.e2e-spec.ts run with a minute's cache). Another instance sees the change
 * as this one sees a change made behind its back, in SQL: within that time. (Two apps in one
 * jest process share passport's strategies, so the second instance is played by SQL.)
 */
describe('the callers each instance keeps for a few seconds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false', PRINCIPAL_CACHE_SECONDS: '2' });
  });
  afterAll(() => t.close());

  it('reads the row again once the kept caller is two seconds old, as another instance does', async () => {
    const b = await registerBorrower(t);
    const principal = async () => {
      const res = await t.http().get('/api/v1/cases').set(bearer(b.token)).expect(200);
      return res.body.items.length as number;
    };
    expect(await principal()).toBe(0);
    // Changed behind the service's back: kept for its two seconds, then read again.
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [b.id]);
    expect(await principal()).toBe(0);
    await sleep(2100);
    await t.http().get('/api/v1/cases').set(bearer(b.token)).expect(401);
  });

  it('keeps a page session as long, and forgets it at once when signed out here', async () => {
    const agent = await browserAgent(t);
    const reg = await signUpInBrowser(agent, borrowerRegistration());
    const cookie = setCookie(reg, 'mediation_session')!.split(';')[0];
    await agent.get('/cases').expect(200);
    // Ended behind this instance's back (another instance's sign-out): kept two seconds.
    await t.dataSource.query(`UPDATE page_sessions SET revoked_at = now()`);
    await t.http().get('/cases').set('Cookie', cookie).expect(200);
    await sleep(2100);
    const gone = await t.http().get('/cases').set('Cookie', cookie).expect(303);
    expect(gone.headers.location).toBe('/login?next=%2Fcases');

    // Signed out here: the same cookie gets the login page on the very next request.
    const other = await browserAgent(t);
    const second = await signUpInBrowser(other, borrowerRegistration());
    const kept = setCookie(second, 'mediation_session')!.split(';')[0];
    const cases = await other.get('/cases').expect(200);
    await other
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(cases.text) })
      .expect(303);
    await t.http().get('/cases').set('Cookie', kept).expect(303);
  });

  it('is refused a cache longer than a minute', async () => {
    await expect(startTestApp({ PRINCIPAL_CACHE_SECONDS: '61' })).rejects.toThrow(
      /PRINCIPAL_CACHE_SECONDS/,
    );
  });
});
