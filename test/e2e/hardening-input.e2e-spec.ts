import { connect } from 'node:net';
import { act, application, borrowerRegistration, fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';

/** Malformed input of every kind gets a 400 naming the field (never a 500), and changes nothing. */

/** One request written byte for byte, for what an HTTP client would refuse to send. */
async function raw(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let text = '';
    socket.on('data', (d) => (text += String(d)));
    socket.on('error', fail);
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      done({ status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

describe('malformed input', () => {
  let t: TestApp;
  let w: World;
  let port: number;
  const borrower = () => `Bearer ${w.borrower.token}`;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    port = Number(new URL(await t.app.getUrl()).port);
  });
  afterAll(() => t.close());

  const users = async (email: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]))[0]
      .n as number;

  it.each([
    ['a NUL byte', { name: '张\u0000三' }, 'name', 'must not contain control characters'],
    ['a bell', { name: '张\u0007三' }, 'name', 'must not contain control characters'],
    ['a line break in a name', { name: '张\n三' }, 'name', 'must be one line'],
    ['a name blank after trimming', { name: '   ' }, 'name', 'must be a name'],
    ['a right-to-left override', { name: '张\u202e三' }, 'name', 'must be a name'],
    ['a lone surrogate', { email: '\ud800x@example.test' }, 'email', 'must be valid Unicode'],
    ['a prototype key', { prototype: {} }, 'prototype', 'should not exist'],
    ['a constructor key', { constructor: { name: 'x' } }, 'constructor', 'should not exist'],
  ])('refuses %s at registration with 400 naming the field', async (_what, o, field, message) => {
    const body = borrowerRegistration(o);
    const res = await t.http().post('/api/v1/auth/register').send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual({ field, message: expect.stringContaining(message) });
    expect(await users(String(body.email).toLowerCase())).toBe(0);
  });

  it('keeps a name trimmed', async () => {
    const body = borrowerRegistration({ name: '  李四  ' });
    await t.http().post('/api/v1/auth/register').send(body).expect(202);
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(200);
    expect(res.body.user.name).toBe('李四');
  });

  it('refuses a NUL in the login email, a query and a path with 400, not 500', async () => {
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a\u0000@example.test', password: 'x' });
    expect([login.status, login.body.errors]).toEqual([
      400,
      [{ field: 'email', message: 'must not contain control characters' }],
    ]);
    const list = await t.http().get('/api/v1/cases?q=%00').set('Authorization', borrower());
    expect([list.status, list.body.errors?.[0]?.field]).toEqual([400, 'q']);
    const verify = await t.http().get('/api/v1/verify/AB%00CD');
    expect([verify.status, verify.body.errors?.[0]?.field]).toEqual([400, 'code']);
  });

  it('names a nested field, refuses a nested constructor key, and allows line breaks in free text', async () => {
    const post = (body: object) =>
      t.http().post('/api/v1/cases').set('Authorization', borrower()).send(body);
    const base = application(w.lender.id, { mediationCenterId: w.center.id });
    const nul = await post({ ...base, loan: { ...base.loan, contractNumber: 'HFQ\u0000-1' } });
    expect(nul.body.errors).toEqual([
      { field: 'loan.contractNumber', message: 'must not contain control characters' },
    ]);
    const newline = await post({ ...base, loan: { ...base.loan, contractNumber: 'HFQ\n-1' } });
    expect(newline.body.errors).toEqual([
      { field: 'loan.contractNumber', message: 'must be one line: no line breaks or tabs' },
    ]);
    const proto = await post({ ...base, loan: { ...base.loan, constructor: { name: 'x' } } });
    expect([proto.status, proto.body.errors]).toEqual([
      400,
      [{ field: 'loan.constructor', message: 'should not exist' }],
    ]);
    const free = await post({ ...base, reasonDetail: '公司裁员。\n目前正在找工作。\t谢谢' });
    expect(free.status).toBe(201);
  });

  it('applies the same rules to workflow actions', async () => {
    const c = await fileCase(t, w);
    const nul = await act(t, w.clerk.token, c.id, 'request_info', { message: '请补充\u0000' });
    expect([nul.status, nul.body.errors]).toEqual([
      400,
      [{ field: 'message', message: 'must not contain control characters' }],
    ]);
    const ok = await act(t, w.clerk.token, c.id, 'request_info', {
      message: '请补充：\n1. 收入证明',
    });
    expect(ok.status).toBe(200);
  });

  it('refuses JSON nested deeper than 32 levels (about 2,400 levels once crashed the transformer)', async () => {
    const base = application(w.lender.id, { mediationCenterId: w.center.id });
    for (const depth of [40, 2400]) {
      const res = await t
        .http()
        .post('/api/v1/cases')
        .set('Authorization', borrower())
        .send({ ...base, proposal: nested(depth) });
      expect([res.status, res.body.errors?.[0]?.message]).toEqual([
        400,
        'nests deeper than 32 levels',
      ]);
    }
  });

  it('limits JSON bodies to 64 KB, except where a route accepts more', async () => {
    const big = 'x'.repeat(70 * 1024);
    const login = await t.http().post('/api/v1/auth/login').send({ email: big, password: 'x' });
    expect([login.status, login.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(login.text).not.toContain('xxxx');
    const c = await fileCase(t, w);
    const minutes = await act(t, w.clerk.token, c.id, 'request_info', { message: big });
    expect([minutes.status, minutes.body.errors?.[0]?.field]).toEqual([400, 'message']);
  });

  describe("the framework's own refusals, in the error shape, without the input", () => {
    const marker = 'zz-input-echo-zz';
    const shape = (status: number, code: string) => ({
      statusCode: status,
      code,
      message: expect.any(String),
    });

    const get = (path: string, headers = '') =>
      `GET ${path} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;
    const post = (type: string, body: string) =>
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

    it.each([
      [
        'headers over 16 KB',
        get('/api/v1/privacy-notice', `X-Big: ${marker}${'a'.repeat(20_000)}\r\n`),
        431,
        'HEADERS_TOO_LARGE',
      ],
      [
        'a path segment over 100 characters',
        get(`/api/v1/verify/${marker}${'a'.repeat(200)}`),
        414,
        'URI_TOO_LONG',
      ],
      [
        'a malformed percent-encoding',
        get(`/api/v1/verify/${marker}%E0%A4%A`),
        400,
        'VALIDATION_FAILED',
      ],
      ['an unknown route', get(`/api/v1/${marker}`), 404, 'NOT_FOUND'],
      ['an unsupported media type', post('text/xml', marker), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['an empty JSON body', post('application/json', ''), 400, 'VALIDATION_FAILED'],
      [
        'malformed JSON',
        post('application/json', `{"email": "${marker}`),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a __proto__ key',
        post('application/json', `{"__proto__": {"${marker}": 1}}`),
        400,
        'VALIDATION_FAILED',
      ],
    ])('answers %s', async (_what, request, status, code) => {
      const res = await raw(port, request);
      expect(res.status).toBe(status);
      expect(JSON.parse(res.body)).toEqual(shape(status, code));
      expect(res.body).not.toContain(marker);
    });
  });
});
