import {
  application,
  borrowerRegistration,
  fileCase,
  newWorld,
  registerBorrower,
} from './factories';
import { startTestApp, TestApp } from './harness';

const guess = (t: TestApp, email: string, password: string, from?: string) => {
  const req = t.http().post('/api/v1/auth/login');
  if (from) void req.set('X-Forwarded-For', from);
  return req.send({ email, password });
};

describe('abuse limits behind a trusted proxy', () => {
  let t: TestApp;
  let n = 0;
  /** A borrower signed up from an address of their own (sign-ups per address are few here). */
  const newBorrower = async () => {
    const body = borrowerRegistration();
    await t
      .http()
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', `10.0.0.${++n}`)
      .send(body)
      .expect(202);
    return body;
  };
  beforeAll(async () => {
    t = await startTestApp({
      RUN_WORKER: 'false',
      TRUST_PROXY: '127.0.0.1',
      REGISTRATIONS_PER_HOUR: '3',
    });
  });
  afterAll(() => t.close());

  it('checks no more than ten guesses at one account from ten addresses, even in parallel', async () => {
    const b = await newBorrower();
    const addresses = Array.from({ length: 10 }, (_, i) => `203.0.113.${i + 1}`);
    // Three rounds of ten at once, one from each address.
    const answers = [];
    for (const n of [1, 2, 3]) {
      answers.push(
        ...(await Promise.all(addresses.map((ip) => guess(t, b.email, `wrong-${ip}-${n}`, ip)))),
      );
    }
    const statuses = answers.map((r) => r.status);
    // Exactly ten passwords were checked; every other guess was refused before the check
    // (429, or 503 when the pool was saturated on a loaded machine: refused either way).
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429 && s !== 503)).toEqual([]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Even the right password, from an address that never guessed, waits out the window.
    const right = await guess(t, b.email, b.password, '198.51.100.7');
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts each client address by the proxy’s X-Forwarded-For', async () => {
    const b = await newBorrower();
    const one = [];
    for (let i = 0; i < 6; i++) one.push((await guess(t, b.email, `w-${i}`, '192.0.2.1')).status);
    expect(one).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is not locked out of its own account.
    const other = await newBorrower();
    expect((await guess(t, other.email, other.password, '192.0.2.2')).status).toBe(200);
  });

  it('throttles sign-ups per address with Retry-After, and only that address', async () => {
    const signUp = (ip: string) =>
      t
        .http()
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', ip)
        .send(borrowerRegistration());
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signUp('192.0.2.50')).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await signUp('192.0.2.50');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signUp('192.0.2.51')).status).toBe(202);
  });

  it('tells the owner of a known address by mail, in the outbox, and nothing to the caller', async () => {
    const b = await newBorrower();
    const again = borrowerRegistration({ email: b.email });
    const res = await t
      .http()
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', '192.0.2.60')
      .send(again)
      .expect(202);
    expect(JSON.stringify(res.body)).not.toMatch(/already|exists|taken/i);
    const [mail] = await t.dataSource.query(
      `SELECT to_address, to_name, subject, text_body FROM mail_outbox
        WHERE kind = 'account.register_attempt' AND to_address = $1`,
      [b.email],
    );
    expect(mail.to_name).toBe(b.name);
    expect(mail.subject).toContain('有人尝试用您的邮箱注册');
    expect(mail.text_body).toContain('/login');
    // The name typed by the second caller is not the owner's and reaches no one.
    expect(mail.text_body).not.toContain(again.name);
  });
});

describe('abuse limits with no proxy trusted (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For, so a client cannot pick a new address per guess', async () => {
    const b = await registerBorrower(t);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await guess(t, b.email, `w-${i}`, `203.0.113.${i + 1}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('filings and uploads per borrower', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false', FILINGS_PER_HOUR: '2', UPLOADS_PER_HOUR: '2' });
  });
  afterAll(() => t.close());

  it('lets a borrower file and upload only so often, and another borrower still can', async () => {
    const w = await newWorld(t);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const first = await fileCase(t, w);
    await fileCase(t, w);
    const third = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .send(application(w.lender.id, { mediationCenterId: w.center.id }));
    expect([third.status, third.body.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    const upload = () =>
      t
        .http()
        .post(`/api/v1/cases/${first.id}/evidence`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .attach('file', pdf, { filename: 'note.pdf', contentType: 'application/pdf' });
    expect([(await upload()).status, (await upload()).status]).toEqual([201, 201]);
    const refused = await upload();
    expect(refused.status).toBe(429);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM evidence WHERE case_id = $1',
      [first.id],
    );
    expect(n).toBe(2);
    const other = await registerBorrower(t);
    await fileCase(t, { ...w, borrower: other });
  });
});
