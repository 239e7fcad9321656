import { statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { fileCase, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';

/** Uploads: one file, a whole body, the name following the content, bounded images, private files. */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG whose header declares these dimensions; the pixels are one grey row (nobody decodes it). */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + Math.min(width, 64)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BOUNDARY = 'hardening-boundary';
const part = (name: string, filename: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    content,
    Buffer.from('\r\n'),
  ]);
const closing = Buffer.from(`--${BOUNDARY}--\r\n`);

describe('uploads', () => {
  let t: TestApp;
  let w: World;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    caseId = (await fileCase(t, w)).id;
  });
  afterAll(() => t.close());

  const evidenceCount = async () =>
    (
      await t.dataSource.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [
        caseId,
      ])
    )[0].n as number;

  const send = (path: string, body: Buffer, auth = true) => {
    const req = t
      .http()
      .post(path)
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`);
    if (auth) req.set('Authorization', `Bearer ${w.borrower.token}`);
    return req.send(body);
  };
  const evidence = (body: Buffer) => send(`/api/v1/cases/${caseId}/evidence`, body);
  const verify = (body: Buffer) => send('/api/v1/verify', body, false);

  it('refuses a body without its closing boundary with 400, on /verify and on evidence', async () => {
    const truncated = part('file', 'scan.pdf', PDF);
    for (const res of [await verify(truncated), await evidence(truncated)]) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        errors: [{ field: 'file', message: 'malformed multipart upload' }],
      });
    }
    expect(await evidenceCount()).toBe(0);
  });

  it('refuses a second file in one request with 400 instead of dropping it', async () => {
    const two = Buffer.concat([part('file', 'a.pdf', PDF), part('file', 'b.pdf', PDF), closing]);
    const other = Buffer.concat([part('file', 'a.pdf', PDF), part('extra', 'b.pdf', PDF), closing]);
    for (const res of [await verify(two), await evidence(two), await evidence(other)]) {
      expect([res.status, res.body.errors]).toEqual([
        400,
        [{ field: 'file', message: 'send exactly one file, in the field "file"' }],
      ]);
    }
    expect(await evidenceCount()).toBe(0);
  });

  it('stores and serves a PDF named .html as .pdf, readable by the service alone', async () => {
    const res = await evidence(Buffer.concat([part('file', '收入证明.html', PDF), closing]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ filename: '收入证明.pdf', mimeType: 'application/pdf' });
    const [row] = await t.dataSource.query('SELECT storage_path FROM evidence WHERE id = $1', [
      res.body.id,
    ]);
    expect(row.storage_path).toMatch(/\.pdf$/);
    const path = join(t.config.dataDir, row.storage_path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const file = await t
      .http()
      .get(`/api/v1/cases/${caseId}/evidence/${res.body.id}`)
      .set('Authorization', `Bearer ${w.borrower.token}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('收入证明.pdf')}`,
    );
    expect(file.headers['cache-control']).toBe('no-store');
  });

  it('bounds image dimensions: 10,000 px a side and 40 megapixels', async () => {
    const before = await evidenceCount();
    for (const [width, height] of [
      [20_000, 20_000],
      [10_001, 10],
      [8000, 6000],
    ]) {
      const res = await evidence(
        Buffer.concat([part('file', 'photo.png', png(width, height)), closing]),
      );
      expect([res.status, res.body.errors]).toEqual([
        400,
        [{ field: 'file', message: 'images may be at most 10000 px a side and 40 megapixels' }],
      ]);
    }
    expect(await evidenceCount()).toBe(before);
    const fine = await evidence(
      Buffer.concat([part('file', 'photo.png', png(4000, 3000)), closing]),
    );
    expect([fine.status, fine.body.mimeType]).toEqual([201, 'image/png']);
  });
});
