import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { borrowerRegistration, newWorld, World } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';
import { signJwt } from './support/tokens';

/**
 * Personal data stays out of caches, logs and other users' reach on disk:
 * `no-store` on the API, JWTs expire, files are the service's alone, and a
 * log of a real flow (a failing query included) holds no ID number, phone
 * number or password hash.
 */

/** A resident ID or a mainland mobile number anywhere in a text (timestamps are longer). */
const RESIDENT_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const ARGON2 = /\$argon2/;

describe('privacy in transport, at rest and in the log', () => {
  let t: TestApp;
  let w: World;
  const log: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        log.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ LOG_LEVEL: 'debug' }, { logStream });
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const get = (token: string, path: string) =>
    t.http().get(path).set('Authorization', `Bearer ${token}`);

  it('refuses a token without exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forever = signJwt({ sub: w.borrower.id, iat: now, tv: 0 }, t.config.jwtSecret!);
    const res = await get(forever, '/api/v1/auth/me');
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const expiring = signJwt(
      { sub: w.borrower.id, iat: now, exp: now + 600, tv: 0 },
      t.config.jwtSecret!,
    );
    await get(expiring, '/api/v1/auth/me').expect(200);
  });

  it('says no-store on every API response, errors included, and leaves the docs cacheable', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    for (const res of [
      await get(w.borrower.token, '/api/v1/auth/me'),
      await get(w.clerk.token, `/api/v1/cases/${c.id}`),
      await get(w.clerk.token, '/api/v1/cases'),
      await get(w.borrower.token, `/api/v1/cases/${c.id}/events`),
      await get(w.lenderRep.token, '/api/v1/cases/00000000-0000-4000-8000-000000000000'),
      await t.http().get('/api/v1/auth/me'),
      await t.http().post('/api/v1/auth/login').send({ email: 'x@example.test', password: 'x' }),
    ]) {
      expect([res.status, res.headers['cache-control']]).toEqual([res.status, 'no-store']);
    }
    expect((await t.http().get('/health')).headers['cache-control']).not.toBe('no-store');
  });

  it('writes agreement PDFs 0600 in folders 0700, and serves them no-store', async () => {
    // Drafted by the mediator through the action, as in real use (newCase's default terms).
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const [row] = await t.dataSource.query(
      `SELECT draft_pdf_path FROM agreement_versions WHERE case_id = $1`,
      [c.id],
    );
    const path = join(t.config.dataDir, row.draft_pdf_path);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(join(path, '..')).mode & 0o777).toString(8)).toBe('700');
    const pdf = await get(w.borrower.token, `/api/v1/cases/${c.id}/agreement/pdf`);
    expect([pdf.status, pdf.headers['cache-control']]).toEqual([200, 'no-store']);
  });

  it('logs a failed query without its parameters, its row detail or the values it quotes', async () => {
    // A database that refuses this one sign-up, quoting the values as PostgreSQL does.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_signup() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = '拒绝测试' THEN
          RAISE EXCEPTION 'invalid input syntax for type uuid: "%"', NEW.phone
            USING ERRCODE = '22P02', DETAIL = format('Key (id_number)=(%s) is refused.', NEW.id_number);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_signup BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_signup();
    `);
    const body = borrowerRegistration({ name: '拒绝测试' });
    const res = await t.http().post('/api/v1/auth/register').send(body);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
    // And a flow that works: sign-up, login, a failed login, reading oneself.
    const ok = borrowerRegistration();
    await t.http().post('/api/v1/auth/register').send(ok).expect(202);
    const reg = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: ok.email, password: ok.password })
      .expect(200);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: ok.email, password: 'wrong-password-1' })
      .expect(401);
    await get(reg.body.accessToken, '/api/v1/auth/me').expect(200);

    const text = log.join('');
    const failure = log.find((l) => l.includes('"22P02"'));
    expect(failure).toBeDefined();
    expect(JSON.parse(failure!).err).toMatchObject({
      type: 'QueryFailedError',
      code: '22P02',
      message: 'invalid input syntax for type uuid: "[value]"',
    });
    for (const secret of [body.idNumber, body.phone, ok.idNumber, ok.phone, ok.password]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(RESIDENT_ID);
    expect(text).not.toMatch(MOBILE);
    expect(text).not.toMatch(ARGON2);
  });
});
