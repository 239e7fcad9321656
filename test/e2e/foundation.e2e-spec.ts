import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { dataSourceOptions, pendingSchemaChanges } from '../../src/database/data-source';
import { adminToken, borrowerRegistration, login, registerBorrower } from './factories';
import { ADMIN, startTestApp, TestApp } from './harness';
import { b64, signJwt } from './support/tokens';

describe('foundation', () => {
  let t: TestApp;
  const logLines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ LOG_LEVEL: 'info' }, { logStream });
  });
  afterAll(() => t.close());

  it('reports the database in /health', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves the OpenAPI document and UI', async () => {
    const doc = await t.http().get('/docs-json').expect(200);
    expect(doc.body.paths['/api/v1/auth/register']).toBeDefined();
    expect(doc.body.components.securitySchemes['api-key']).toBeDefined();
    await t.http().get('/docs').expect(200);
  });

  it('sends security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    // On refusals and unknown routes too, with the API's no-store.
    for (const path of ['/api/v1/cases', '/api/v1/no-such-route']) {
      const refused = await t.http().get(path);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
      expect(refused.headers['cache-control']).toBe('no-store');
    }
  });

  describe('registration', () => {
    it('creates a borrower and returns a working token', async () => {
      const b = await registerBorrower(t);
      const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${b.token}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ role: 'borrower', email: b.email });
    });

    it.each([
      ['idNumber', { idNumber: '110105194912310021' }],
      ['phone', { phone: '+85291234567' }],
      ['password', { password: 'short' }],
      ['role', { role: 'admin' }],
      ['email', { email: 'not-an-email' }],
    ])('refuses a bad %s with 400 naming it, and creates nothing', async (field, override) => {
      const body = borrowerRegistration(override);
      const res = await t.http().post('/api/v1/auth/register').send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const count = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM users WHERE email = $1',
        [String(body.email).toLowerCase()],
      );
      expect(count[0].n).toBe(0);
    });

    it('answers a known email as it answers a new one, and mails its owner instead', async () => {
      const first = borrowerRegistration();
      const fresh = await t.http().post('/api/v1/auth/register').send(first).expect(202);
      const again = borrowerRegistration({ email: first.email.toUpperCase() });
      const known = await t.http().post('/api/v1/auth/register').send(again).expect(202);
      expect(known.body).toEqual(fresh.body);
      const mails = await t.dataSource.query(
        'SELECT kind FROM mail_outbox WHERE lower(to_address) = $1 ORDER BY created_at',
        [first.email.toLowerCase()],
      );
      expect(mails.map((m: { kind: string }) => m.kind)).toEqual([
        'account.registered',
        'account.register_attempt',
      ]);
      // The account is the first one's: the second sign-up changed nothing.
      await login(t, first.email, first.password);
      const rows = await t.dataSource.query('SELECT name FROM users WHERE email = $1', [
        first.email.toLowerCase(),
      ]);
      expect(rows).toEqual([{ name: first.name }]);
    });
  });

  describe('tokens', () => {
    it('refuses a token signed with another secret, an expired token and alg none', async () => {
      const b = await registerBorrower(t);
      const now = Math.floor(Date.now() / 1000);
      const forged = signJwt(
        { sub: b.id, iat: now, exp: now + 600, tv: 0 },
        'another-secret-another-secret-xx',
      );
      const expired = signJwt(
        { sub: b.id, iat: now - 7200, exp: now - 3600, tv: 0 },
        t.config.jwtSecret!,
      );
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: b.id, exp: now + 600 })}.`;
      const valid = signJwt({ sub: b.id, iat: now, exp: now + 600, tv: 0 }, t.config.jwtSecret!);
      for (const token of [forged, expired, none]) {
        const res = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${valid}`).expect(200);
    });

    it("answers 403 to a borrower's token on an admin route", async () => {
      const b = await registerBorrower(t);
      const res = await t
        .http()
        .post('/api/v1/organizations')
        .set('Authorization', `Bearer ${b.token}`)
        .send({ type: 'lender', name: 'x', contactEmail: 'x@example.test' });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    });

    it('answers 401 without credentials', async () => {
      await t.http().get('/api/v1/auth/me').expect(401);
    });
  });

  describe('login', () => {
    it('answers 401 to a wrong password and 429 after repeated failures', async () => {
      const body = borrowerRegistration();
      await t.http().post('/api/v1/auth/register').send(body).expect(202);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: body.email, password: 'wrong-password-0' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Even the right password is refused while throttled.
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: body.email, password: body.password })
        .expect(429);
    });

    it('logs the admin in with the configured credentials', async () => {
      const res = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
      expect(res.body.user).toMatchObject({ role: 'admin', email: ADMIN.email });
    });
  });

  describe('errors', () => {
    it('answers malformed JSON with the one error shape and no internals', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/node_modules|at \w+ \(|SELECT/);
    });

    it('answers an unknown route with 404 in the same shape', async () => {
      const res = await t
        .http()
        .get('/api/v1/nothing-here')
        .set('Authorization', `Bearer ${await adminToken(t)}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });
  });

  it('keeps passwords, tokens and ID numbers out of the request log', async () => {
    const body = borrowerRegistration();
    await t.http().post('/api/v1/auth/register').send(body).expect(202);
    const token = await login(t, body.email, body.password);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const log = logLines.join('');
    expect(log).toContain('/api/v1/auth/register');
    expect(log).not.toContain(body.password);
    expect(log).not.toContain(body.idNumber);
    expect(log).not.toContain(token);
    expect(() => JSON.parse(logLines[0])).not.toThrow();
  });

  it('has migrations that match the entities (migration:generate finds nothing)', async () => {
    const ds = new DataSource(dataSourceOptions(t.databaseUrl, 1));
    await ds.initialize();
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
      const migrated = await ds.query('SELECT count(*)::int AS n FROM migrations');
      expect(migrated[0].n).toBe(ds.migrations.length);
    } finally {
      await ds.destroy();
    }
  });
});
