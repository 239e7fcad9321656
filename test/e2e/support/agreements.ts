import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import { PDFParse } from 'pdf-parse';
import type { Test } from 'supertest';
import { adminToken, World } from '../factories';
import type { TestApp } from '../harness';
import { defaultTerms, newCase } from '../new-case';
import { startSession } from './session-started';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const squash = (s: string) => s.replace(/\s+/g, '');

/** pdfjs inside pdf-parse loads its worker with import(), which Jest's sandbox refuses. */
export async function loadPdfWorker(): Promise<void> {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
}

export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: string[] }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const r = await parser.getText();
    return { text: r.text, pages: r.pages.map((p) => p.text) };
  } finally {
    await parser.destroy();
  }
}

/**
 * poppler's pdfsig: a reader that shares no code with the service. Debian's poppler-utils,
 * which `.ci/run` installs when missing.
 */
export function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(process.env.TEST_ROOT ?? tmpdir(), 'pdfsig-'));
  const file = join(dir, 'agreement.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfsig', ['-no-ocsp', file], { encoding: 'utf8', env: { HOME: dir } });
}

/** The same bytes with one bit of one byte flipped. */
export function flipped(pdf: Buffer, at = Math.floor(pdf.length / 2)): Buffer {
  const copy = Buffer.from(pdf);
  copy[at] ^= 0x01;
  return copy;
}

/** Today plus some days, in Beijing, as the agreement's dates are. */
export const dateIn = (days: number) =>
  DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;

export const terms = (overrides: Record<string, unknown> = {}) =>
  defaultTerms({ clauses: ['申请人可以随时提前偿还剩余款项。'], ...overrides });

/** Collects a response body as bytes (supertest parses only text and JSON by itself). */
export const binary = (req: Test): Test =>
  req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** The agreement routes of one app, as one caller or another. */
export function agreementApi(t: TestApp) {
  return {
    get: (token: string, caseId: string, query = '') =>
      t
        .http()
        .get(`/api/v1/cases/${caseId}/agreement${query}`)
        .set('Authorization', `Bearer ${token}`),
    download: (caseId: string, auth: [string, string], query = '') =>
      binary(
        t
          .http()
          .get(`/api/v1/cases/${caseId}/agreement/pdf${query}`)
          .set(...auth),
      ),
    actWithKey: (key: string, caseId: string, action: string, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/cases/${caseId}/actions/${action}`).set('X-API-Key', key).send(body),
    upload: (bytes: Buffer) =>
      t.http().post('/api/v1/verify').attach('file', bytes, 'agreement.pdf'),
  };
}

/** A lender API key; with a signing agent unless `signingAgent` is null. */
export async function issueKey(
  t: TestApp,
  lenderId: string,
  signingAgent: { name: string; title: string } | null = { name: '王芳', title: '法务部经理' },
): Promise<string> {
  const res = await t
    .http()
    .post(`/api/v1/organizations/${lenderId}/api-keys`)
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send({ name: 'core-banking', ...(signingAgent ? { signingAgent } : {}) })
    .expect(201);
  return res.body.key;
}

/** A case whose session is booked and has started: the mediator may draft its agreement. */
export async function startedSession(t: TestApp, w: World) {
  const c = await newCase(t, w, { status: 'session_scheduled' });
  await startSession(t, c.id);
  return c;
}
