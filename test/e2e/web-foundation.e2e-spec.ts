import { borrowerRegistration, createOrganization, createStaff } from './factories';
import { startTestApp, TestApp } from './harness';
import { browserAgent, csrfOf, dataPage, setCookie, submit, signUpInBrowser } from './web-pages';

describe('web pages: the foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const usersWithEmail = async (email: string) =>
    (
      await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
        email.toLowerCase(),
      ])
    )[0].n;

  it('serves the home page in Chinese, uncached, under a CSP without unsafe-inline', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(dataPage(res.text)).toBe('home');
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('诉前调解');
    expect(res.text).toContain('href="#main"');
  });

  it('switches to English by ?lang=en and remembers it, or by Accept-Language', async () => {
    const agent = await browserAgent(t);
    const en = await agent.get('/?lang=en').expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('What pre-litigation mediation is');
    expect(setCookie(en, 'lang')).toMatch(/lang=en;.*HttpOnly/);
    const again = await agent.get('/login').expect(200);
    expect(again.text).toContain('<html lang="en">');
    const byHeader = await t.http().get('/').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
    expect(byHeader.text).toContain('<html lang="en">');
    const zh = await t.http().get('/').set('Accept-Language', 'zh-TW,zh;q=0.9').expect(200);
    expect(zh.text).toContain('<html lang="zh-CN">');
  });

  it('keeps the Swagger UI working: only /docs may use inline styles, never inline scripts', async () => {
    const docs = await t.http().get('/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('keeps every API route under /api/v1 and no page in the OpenAPI document', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths.length).toBeGreaterThan(20);
    // /health is the operators' probe, outside the API and its document.
    expect(paths.filter((p) => !p.startsWith('/api/v1/'))).toEqual([]);
    await t.http().get('/health').expect(200);
  });

  it('answers an unknown page with the 404 page, and an unknown API path with JSON', async () => {
    const page = await t.http().get('/no-such-page').expect(404);
    expect(dataPage(page.text)).toBe('error');
    expect(page.text).toContain('页面不存在');
    const api = await t.http().get('/api/v1/no-such-route').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('refuses a form posted without its CSRF token with the 403 page, and signs nobody in', async () => {
    const staff = await createStaff(t, 'admin', null);
    const agent = await browserAgent(t);
    await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ email: staff.email, password: 'staff-password-123' })
      .expect(403);
    expect(dataPage(res.text)).toBe('error');
    expect(res.text).toContain('表单已失效');
    expect(setCookie(res, 'mediation_session')).toBeUndefined();
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: 'forged', email: staff.email, password: 'staff-password-123' })
      .expect(403);
    expect(setCookie(wrong, 'mediation_session')).toBeUndefined();
  });

  it('signs up through the page with the API’s rules: a bad resident ID is shown beside its field, typed values kept, nothing created', async () => {
    const agent = await browserAgent(t);
    const body = borrowerRegistration({ idNumber: '110105194912310021' });
    const res = await submit(agent, '/register', '/register', body, 400);
    expect(dataPage(res.text)).toBe('register');
    expect(res.text).toMatch(
      /<div class="field-error" id="f-idNumber-error">\s*<p>请输入正确的 18 位居民身份证号码/,
    );
    expect(res.text).toMatch(/id="f-idNumber"[^>]*aria-invalid="true"/);
    expect(res.text).toContain(`value="${body.email}"`);
    expect(res.text).toContain(`value="${body.phone}"`);
    expect(res.text).not.toContain(body.password);
    expect(res.text).toMatch(/role="alert"/);
    expect(await usersWithEmail(body.email)).toBe(0);
  });

  it('shows a field left empty as required, and refuses a field the API does not know', async () => {
    const agent = await browserAgent(t);
    const { name: _name, ...rest } = borrowerRegistration();
    const res = await submit(agent, '/register', '/register', { ...rest, name: '' }, 400);
    expect(res.text).toMatch(/id="f-name-error">\s*<p>请填写此项/);
    const extra = await submit(
      agent,
      '/register',
      '/register',
      {
        ...borrowerRegistration(),
        role: 'admin',
      },
      400,
    );
    expect(extra.text).toContain('不接受这个字段');
  });

  it('signs a borrower up, then in: an HttpOnly, SameSite=Lax session cookie, then /cases uncached', async () => {
    const agent = await browserAgent(t);
    const body = borrowerRegistration();
    const reg = await submit(agent, '/register', '/register', body, 303);
    // The same answer for a known address: no session yet, the login page with a word.
    expect(reg.headers.location).toBe('/login');
    expect(setCookie(reg, 'mediation_session')).toBeUndefined();
    expect((await agent.get('/login').expect(200)).text).toContain('注册申请已收到');
    const res = await submit(
      agent,
      '/login',
      '/login',
      { email: body.email, password: body.password },
      303,
    );
    expect(res.headers.location).toBe('/cases');
    const cookie = setCookie(res, 'mediation_session')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const cases = await agent.get('/cases').expect(200);
    expect(cases.headers['cache-control']).toBe('no-store');
    expect(dataPage(cases.text)).toBe('cases');
    expect(cases.text).toContain(body.name);
  });

  it('never accepts the page cookie on the API', async () => {
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, borrowerRegistration());
    const me = await agent.get('/api/v1/auth/me').expect(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session on logout: the old cookie gets the login page', async () => {
    const agent = await browserAgent(t);
    const reg = await signUpInBrowser(agent, borrowerRegistration());
    const oldCookie = setCookie(reg, 'mediation_session')!.split(';')[0];
    const page = await agent.get('/cases').expect(200);
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    expect(out.headers.location).toBe('/');
    const replay = await t.http().get('/cases').set('Cookie', oldCookie).expect(303);
    expect(replay.headers.location).toBe('/login?next=%2Fcases');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('您已退出登录');
  });

  it('ends the page session of a deactivated account', async () => {
    const agent = await browserAgent(t);
    const body = borrowerRegistration();
    await signUpInBrowser(agent, body);
    await agent.get('/cases').expect(200);
    await t.dataSource.query('UPDATE users SET active = false WHERE email = $1', [
      body.email.toLowerCase(),
    ]);
    const res = await agent.get('/cases').expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('sends staff to /cases after login and back to where they were going, never off-site', async () => {
    const center = await createOrganization(t, 'mediation_center');
    const clerk = await createStaff(t, 'clerk', center.id);
    const agent = await browserAgent(t);
    const login = await submit(
      agent,
      '/login?next=/notifications',
      '/login',
      {
        email: clerk.email,
        password: 'staff-password-123',
        _next: '/notifications',
      },
      303,
    );
    expect(login.headers.location).toBe('/notifications');
    const signedIn = await agent.get('/login').expect(303);
    expect(signedIn.headers.location).toBe('/cases');

    const other = await browserAgent(t);
    const evil = await submit(
      other,
      '/login',
      '/login',
      {
        email: clerk.email,
        password: 'staff-password-123',
        _next: '//evil.example/x',
      },
      303,
    );
    expect(evil.headers.location).toBe('/cases');
  });

  it('applies the API’s login throttle, with its message in role="alert"', async () => {
    const clerk = await createStaff(t, 'admin', null);
    const agent = await browserAgent(t);
    for (let i = 0; i < 5; i++) {
      const res = await submit(
        agent,
        '/login',
        '/login',
        {
          email: clerk.email,
          password: 'wrong-password-0',
        },
        401,
      );
      expect(res.text).toMatch(/role="alert">\s*<p>电子邮箱或密码不正确/);
      expect(res.text).toContain(`value="${clerk.email}"`);
    }
    const blocked = await submit(
      agent,
      '/login',
      '/login',
      {
        email: clerk.email,
        password: 'staff-password-123',
      },
      429,
    );
    expect(blocked.text).toMatch(/role="alert">\s*<p>登录失败次数过多，请 \d+ 秒后再试/);
  });

  it('says a made-up verification code is not genuine, and checks an upload only with its token', async () => {
    const res = await t.http().get('/verify?code=ABCD-EFGH-JKLM').expect(200);
    expect(dataPage(res.text)).toBe('verify');
    expect(res.text).toContain('data-genuine="false"');
    expect(res.text).toContain('未找到');

    const agent = await browserAgent(t);
    const page = await agent.get('/verify').expect(200);
    const pdf = Buffer.from('%PDF-1.7\n% not a sealed agreement\n');
    await agent.post('/verify').attach('file', pdf, 'notice.pdf').expect(403);
    const checked = await agent
      .post(`/verify?_csrf=${encodeURIComponent(csrfOf(page.text))}`)
      .attach('file', pdf, 'notice.pdf')
      .expect(200);
    expect(checked.text).toContain('data-genuine="false"');
    expect(checked.text).toContain('与本中心盖章的任何协议书都不一致');
  });

  it('lists the caller’s notifications and marks them read with a form', async () => {
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, borrowerRegistration());
    const inbox = await agent.get('/notifications').expect(200);
    expect(dataPage(inbox.text)).toBe('notifications');
    expect(inbox.headers['cache-control']).toBe('no-store');
    expect(inbox.text).toContain('暂时没有通知');
  });

  it('sends a signed-out visitor of a personal page to the login page', async () => {
    const res = await t.http().get('/notifications').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fnotifications');
  });
});
