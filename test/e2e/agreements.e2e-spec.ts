import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import { PDFParse } from 'pdf-parse';
import type { Test } from 'supertest';
import type { MailAttachment } from '../../src/cases/case-mail';
import { act, adminToken, createOrganization, newWorld, World } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const squash = (s: string) => s.replace(/\s+/g, '');

// pdfjs inside pdf-parse loads its worker with import(), which Jest's CommonJS sandbox refuses.
beforeAll(async () => {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
});

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** Today plus some days, in Beijing, as the agreement's dates are. */
const dateIn = (days: number) =>
  DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;

const terms = (overrides: Record<string, unknown> = {}) => ({
  settlementAmount: '8000.00',
  installments: 12,
  firstDueDate: dateIn(30),
  waivedAmount: '1650.40',
  clauses: ['申请人可以随时提前偿还剩余款项。'],
  ...overrides,
});

/** Collects a response body as bytes (supertest parses only text and JSON by itself). */
const binary = (req: Test): Test =>
  req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });

describe('the written agreement', () => {
  let t: TestApp;
  let w: World;
  let apiKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    const key = await t
      .http()
      .post(`/api/v1/organizations/${w.lender.id}/api-keys`)
      .set('Authorization', `Bearer ${await adminToken(t)}`)
      .send({ name: 'core-banking' })
      .expect(201);
    apiKey = key.body.key;
  });
  afterAll(() => t.close());

  let sessions = 0;
  /** A case at the session step; each session in a slot of its own (one mediator). */
  async function scheduledCase() {
    const start = DateTime.now()
      .plus({ days: 1, hours: 2 * sessions++ })
      .startOf('hour');
    const session = { startsAt: start.toISO(), endsAt: start.plus({ hours: 1 }).toISO() };
    return newCase(t, w, { status: 'session_scheduled', session });
  }

  const getAgreement = (token: string, caseId: string, query = '') =>
    t
      .http()
      .get(`/api/v1/cases/${caseId}/agreement${query}`)
      .set('Authorization', `Bearer ${token}`);

  const download = (caseId: string, auth: [string, string]) =>
    binary(
      t
        .http()
        .get(`/api/v1/cases/${caseId}/agreement/pdf`)
        .set(...auth),
    );

  const signAsLender = (caseId: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/actions/sign_agreement`)
      .set('X-API-Key', apiKey)
      .send(body);

  describe('terms that break the rules', () => {
    let c: { id: string; caseNumber: string };
    beforeAll(async () => {
      c = await scheduledCase();
    });

    it.each([
      ['installments', { settlementAmount: '0.05', installments: 6, waivedAmount: '0.00' }],
      ['firstDueDate', { firstDueDate: dateIn(-1) }],
      ['firstDueDate', { firstDueDate: dateIn(400) }],
      ['settlementAmount', { settlementAmount: '9650.41', waivedAmount: '0.00' }],
      ['waivedAmount', { waivedAmount: '1650.41' }],
      ['settlementAmount', { settlementAmount: 8000 }],
    ])('refuses terms with a bad %s, naming it, and drafts nothing', async (field, override) => {
      const res = await act(t, w.mediator.token, c.id, 'draft_agreement', terms(override));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const agreement = await getAgreement(w.mediator.token, c.id);
      expect(agreement.status).toBe(404);
      expect(agreement.body.code).toBe('NOT_FOUND');
      expect(
        (
          await t
            .http()
            .get(`/api/v1/cases/${c.id}`)
            .set('Authorization', `Bearer ${w.mediator.token}`)
        ).body.status,
      ).toBe('session_scheduled');
    });
  });

  describe('from draft to sealed', () => {
    let c: { id: string; caseNumber: string };
    let v1: { sha256: string };
    let sealed: Buffer;

    beforeAll(async () => {
      c = await scheduledCase();
    });

    it('drafts version 1 with an exact schedule and a PDF whose hash signers confirm', async () => {
      const res = await act(t, w.mediator.token, c.id, 'draft_agreement', terms());
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('awaiting_signatures');
      const a = (await getAgreement(w.borrower.token, c.id).expect(200)).body;
      expect(a).toMatchObject({
        version: 1,
        currentVersion: 1,
        status: 'awaiting_signatures',
        terms: { settlementAmount: '8000.00', waivedAmount: '1650.40', installments: 12 },
        signatures: [],
        sealedSha256: null,
      });
      expect(a.schedule).toHaveLength(12);
      expect(a.schedule[0]).toEqual({ seq: 1, dueDate: dateIn(30), amount: '666.66' });
      expect(a.schedule[11].amount).toBe('666.74');
      expect(a.sha256).toBe(a.draftSha256);
      expect(a.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(a.verifyUrl).toBe(`${t.config.publicBaseUrl}/api/v1/verify/${a.verificationCode}`);

      const pdf = await download(c.id, ['Authorization', `Bearer ${w.borrower.token}`]);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(sha256(pdf.body)).toBe(a.draftSha256);
      v1 = a;
    });

    it('takes one signature per party and refuses the same party twice', async () => {
      const signed = await act(t, w.borrower.token, c.id, 'sign_agreement', {
        version: 1,
        sha256: v1.sha256,
      });
      expect(signed.status).toBe(200);
      expect(signed.body.status).toBe('awaiting_signatures');
      const again = await act(t, w.borrower.token, c.id, 'sign_agreement', {
        version: 1,
        sha256: v1.sha256,
      });
      expect(again.status).toBe(409);
      const a = (await getAgreement(w.mediator.token, c.id)).body;
      expect(a.signatures).toEqual([
        { party: 'borrower', name: w.borrower.name, signedAt: expect.any(String) },
      ]);
    });

    it('revises to version 2, leaving the signatures on version 1, void', async () => {
      const res = await act(
        t,
        w.mediator.token,
        c.id,
        'revise_agreement',
        terms({ installments: 6 }),
      );
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('awaiting_signatures');
      const a = (await getAgreement(w.lenderRep.token, c.id)).body;
      expect(a).toMatchObject({ version: 2, status: 'awaiting_signatures', signatures: [] });
      expect(a.schedule).toHaveLength(6);
      expect(a.draftSha256).not.toBe(v1.sha256);
      const old = (await getAgreement(w.lenderRep.token, c.id, '?version=1')).body;
      expect(old).toMatchObject({ version: 1, currentVersion: 2, status: 'superseded' });
      expect(old.signatures).toHaveLength(1);
    });

    it('refuses a signature on an outdated version or with the wrong hash (409)', async () => {
      const stale = await signAsLender(c.id, { version: 1, sha256: v1.sha256 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'AGREEMENT_MISMATCH', currentVersion: 2 });
      const wrongHash = await signAsLender(c.id, { version: 2, sha256: v1.sha256 });
      expect(wrongHash.status).toBe(409);
      expect(wrongHash.body.code).toBe('AGREEMENT_MISMATCH');
      expect((await getAgreement(w.mediator.token, c.id)).body.signatures).toEqual([]);
    });

    it('settles once both parties signed the current version and seals the final PDF', async () => {
      const v2 = (await getAgreement(w.borrower.token, c.id)).body;
      const borrower = await act(
        t,
        w.borrower.token,
        c.id,
        'sign_agreement',
        { version: 2, sha256: v2.draftSha256 },
        { 'User-Agent': 'agreement-test/1.0' },
      );
      expect(borrower.body.status).toBe('awaiting_signatures');
      const lender = await signAsLender(c.id, { version: 2, sha256: v2.draftSha256 });
      expect(lender.status).toBe(200);
      expect(lender.body.status).toBe('settled');

      const a = (await getAgreement(w.clerk.token, c.id)).body;
      expect(a.status).toBe('sealed');
      expect(a.sealedSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(a.sha256).toBe(a.sealedSha256);
      expect(a.draftSha256).toBe(v2.draftSha256);
      expect(a.signatures.map((s: { party: string }) => s.party).sort()).toEqual([
        'borrower',
        'lender',
      ]);
      const rows = await t.dataSource.query(
        `SELECT s.party, s.sha256, s.ip, s.user_agent, s.signer_user_id, s.signer_api_key_id
           FROM agreement_signatures s JOIN agreement_versions v ON v.id = s.agreement_version_id
          WHERE v.case_id = $1 AND v.version = 2 ORDER BY s.party`,
        [c.id],
      );
      expect(rows).toEqual([
        expect.objectContaining({
          party: 'borrower',
          sha256: v2.draftSha256,
          ip: '127.0.0.1',
          user_agent: 'agreement-test/1.0',
          signer_user_id: w.borrower.id,
        }),
        expect.objectContaining({
          party: 'lender',
          signer_user_id: null,
          signer_api_key_id: expect.any(String),
        }),
      ]);

      const first = await download(c.id, ['Authorization', `Bearer ${w.borrower.token}`]);
      const second = await download(c.id, ['X-API-Key', apiKey]);
      expect(sha256(first.body)).toBe(a.sealedSha256);
      expect(Buffer.compare(first.body, second.body)).toBe(0);
      sealed = first.body;
    });

    it('refuses to revise a settled agreement (409)', async () => {
      const res = await act(t, w.mediator.token, c.id, 'revise_agreement', terms());
      expect(res.status).toBe(409);
      expect((await getAgreement(w.mediator.token, c.id)).body.version).toBe(2);
    });

    it('reads back the title, case number, parties, amounts and every schedule row', async () => {
      const text = await pdfText(sealed);
      const flat = squash(text);
      const a = (await getAgreement(w.borrower.token, c.id)).body;
      for (const s of ['调解协议书', c.caseNumber, w.borrower.name, w.lender.name]) {
        expect(flat).toContain(squash(s));
      }
      expect(flat).toContain('人民币8000.00元');
      expect(flat).toContain('人民币捌仟元整');
      expect(flat).toContain('人民币1650.40元');
      for (const row of a.schedule) {
        expect(text).toMatch(new RegExp(`^${row.seq}\\s+${row.dueDate}\\s+${row.amount}$`, 'm'));
      }
      expect(flat).toContain(`核验码：${a.verificationCode}`);
      // Both signatures are printed, and the borrower's ID only masked.
      expect(flat.match(/签署时间：\d{4}-\d{2}-\d{2}\d{2}:\d{2}/g)).toHaveLength(2);
      expect(flat).toMatch(/身份证号码：110105\*{8}[0-9X]{4}/);
      expect(flat).not.toContain(w.borrower.idNumber);
      const raw = sealed.toString('latin1');
      expect(raw).not.toMatch(/\/Subtype \/Type1/);
      expect(raw.match(/\/FontFile2 \d+ 0 R/g)?.length).toBeGreaterThanOrEqual(2);
    });

    it('verifies by code and by upload, nothing personal; one changed byte fails', async () => {
      const a = (await getAgreement(w.borrower.token, c.id)).body;
      const expected = {
        caseNumber: c.caseNumber,
        status: 'sealed',
        version: 2,
        sha256: a.sealedSha256,
        signedAt: a.sealedAt,
      };
      const byCode = await t.http().get(`/api/v1/verify/${a.verificationCode}`).expect(200);
      expect(byCode.body).toEqual(expected);
      const typed = a.verificationCode.toLowerCase().replace(/-/g, '');
      expect((await t.http().get(`/api/v1/verify/${typed}`)).body).toEqual(expected);

      const upload = (bytes: Buffer) =>
        t.http().post('/api/v1/verify').attach('file', bytes, 'agreement.pdf');
      expect((await upload(sealed).expect(200)).body).toEqual(expected);
      const tampered = Buffer.from(sealed);
      tampered[Math.floor(tampered.length / 2)] ^= 0x01;
      expect((await upload(tampered)).status).toBe(404);
      const draft = await binary(
        t
          .http()
          .get(`/api/v1/cases/${c.id}/agreement/pdf?version=1`)
          .set('Authorization', `Bearer ${w.mediator.token}`),
      );
      expect((await upload(draft.body)).status).toBe(404);

      const v1Code = (await getAgreement(w.borrower.token, c.id, '?version=1')).body
        .verificationCode;
      expect((await t.http().get(`/api/v1/verify/${v1Code}`)).body).toMatchObject({
        status: 'superseded',
        version: 1,
        sha256: null,
      });
      await t.http().get('/api/v1/verify/0000-0000-0000').expect(404);
    });

    it('records every download and keeps the clerk print queue until a clerk prints', async () => {
      const queue = async () =>
        (
          await t
            .http()
            .get('/api/v1/agreements/print-queue')
            .set('Authorization', `Bearer ${w.clerk.token}`)
            .expect(200)
        ).body;
      expect((await queue()).items).toContainEqual(
        expect.objectContaining({ caseId: c.id, caseNumber: c.caseNumber, version: 2 }),
      );
      await download(c.id, ['Authorization', `Bearer ${w.mediator.token}`]).expect(200);
      expect((await queue()).items.map((i: { caseId: string }) => i.caseId)).toContain(c.id);
      await download(c.id, ['Authorization', `Bearer ${w.clerk.token}`]).expect(200);
      expect((await queue()).items.map((i: { caseId: string }) => i.caseId)).not.toContain(c.id);

      const prints = await t.dataSource.query(
        `SELECT p.role, p.copy, v.version, p.user_id, p.api_key_id
           FROM agreement_prints p JOIN agreement_versions v ON v.id = p.agreement_version_id
          WHERE v.case_id = $1 ORDER BY p.printed_at`,
        [c.id],
      );
      expect(prints).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: 'borrower', copy: 'sealed', version: 2 }),
          expect.objectContaining({
            role: 'lender',
            copy: 'sealed',
            api_key_id: expect.any(String),
          }),
          expect.objectContaining({ role: 'clerk', copy: 'sealed', user_id: w.clerk.id }),
          expect.objectContaining({ role: 'mediator', copy: 'draft', version: 1 }),
        ]),
      );
    });

    it('lets no admin download, and shows another lender nothing', async () => {
      const admin = await download(c.id, ['Authorization', `Bearer ${await adminToken(t)}`]);
      expect(admin.status).toBe(403);
      const other = await createOrganization(t, 'lender');
      const otherKey = (
        await t
          .http()
          .post(`/api/v1/organizations/${other.id}/api-keys`)
          .set('Authorization', `Bearer ${await adminToken(t)}`)
          .send({})
          .expect(201)
      ).body.key;
      expect((await download(c.id, ['X-API-Key', otherKey])).status).toBe(404);
      const json = await t.http().get(`/api/v1/cases/${c.id}/agreement`).set('X-API-Key', otherKey);
      expect(json.status).toBe(404);
    });

    it('keeps a sealed version as it is: the database refuses to change it', async () => {
      await expect(
        t.dataSource.query(`UPDATE agreement_versions SET settlement_fen = 1 WHERE case_id = $1`, [
          c.id,
        ]),
      ).rejects.toThrow(/immutable/);
      await expect(
        t.dataSource.query(
          `DELETE FROM agreement_signatures WHERE agreement_version_id IN
             (SELECT id FROM agreement_versions WHERE case_id = $1)`,
          [c.id],
        ),
      ).rejects.toThrow(/append-only/);
    });

    it('gives the settlement mail the version and the sealed PDF', async () => {
      const mails: { subject: string; text_body: string; attachments: MailAttachment[] }[] =
        await t.dataSource.query(
          `SELECT subject, text_body, attachments FROM mail_outbox
            WHERE case_id = $1 AND kind = 'sign_agreement.borrower' ORDER BY created_at`,
          [c.id],
        );
      const settlement = mails.filter((m) => m.subject.includes('调解协议已生效'));
      expect(settlement).toHaveLength(1);
      expect(settlement[0].text_body).toContain('双方均已签署第 2 版调解协议');
      expect(settlement[0].attachments).toHaveLength(1);
      const pdf = Buffer.from(settlement[0].attachments[0].contentBase64, 'base64');
      expect(pdf.equals(sealed)).toBe(true);
      // Before it, the borrower was told of their own signature of version 2 as theirs.
      expect(mails.some((m) => m.text_body.includes('您已签署第 2 版调解协议'))).toBe(true);
    });
  });
  it('settles once when both parties sign at the same moment', async () => {
    const c = await scheduledCase();
    await act(t, w.mediator.token, c.id, 'draft_agreement', terms());
    const a = (await getAgreement(w.borrower.token, c.id)).body;
    const body = { version: 1, sha256: a.draftSha256 };
    const [borrower, lender] = await Promise.all([
      act(t, w.borrower.token, c.id, 'sign_agreement', body),
      act(t, w.lenderRep.token, c.id, 'sign_agreement', body),
    ]);
    expect([borrower.status, lender.status]).toEqual([200, 200]);
    expect([borrower.body.status, lender.body.status].sort()).toEqual([
      'awaiting_signatures',
      'settled',
    ]);
    const events = await t.dataSource.query(
      `SELECT to_status FROM case_events WHERE case_id = $1 AND action = 'sign_agreement'`,
      [c.id],
    );
    expect(events.map((e: { to_status: string }) => e.to_status).sort()).toEqual([
      'awaiting_signatures',
      'settled',
    ]);
    const sealed = (await getAgreement(w.clerk.token, c.id)).body;
    expect(sealed.status).toBe('sealed');
    expect(sealed.signatures).toHaveLength(2);
  });
});
