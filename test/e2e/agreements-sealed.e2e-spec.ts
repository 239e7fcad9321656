import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailAttachment } from '../../src/cases/case-mail';
import { adminToken, createOrganization, newWorld, World } from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';
import {
  agreementApi,
  flipped,
  issueKey,
  loadPdfWorker,
  pdfsig,
  pdfText,
  sha256,
  squash,
} from './support/agreements';

const POSTAL = '北京市朝阳区建国路 88 号 3 单元 502 室';

/** The sealed final as a court, a party or anyone with the file would read it. */
describe('the sealed agreement', () => {
  let t: TestApp;
  let w: World;
  let api: ReturnType<typeof agreementApi>;
  let c: { id: string; caseNumber: string };
  let sealed: Buffer;
  let flat: string;

  beforeAll(async () => {
    await loadPdfWorker();
    t = await startTestApp();
    w = await newWorld(t);
    api = agreementApi(t);
    c = await newCase(t, w, {
      status: 'settled',
      application: { serviceAddress: { postalAddress: POSTAL } },
    });
    const res = await api.download(c.id, ['Authorization', `Bearer ${w.borrower.token}`]);
    expect(res.status).toBe(200);
    sealed = res.body;
    flat = squash((await pdfText(sealed)).text);
  });
  afterAll(() => t.close());

  it('serves the bytes whose hash the agreement names, the same to every party', async () => {
    const a = (await api.get(w.borrower.token, c.id)).body;
    expect(sha256(sealed)).toBe(a.sealedSha256);
    const lender = await api.download(c.id, ['Authorization', `Bearer ${w.lenderRep.token}`]);
    expect(Buffer.compare(lender.body, sealed)).toBe(0);
  });

  it('prints the parties’ details (人民调解法 art. 29 (1)) and where documents are served', () => {
    for (const s of [
      '二、当事人的基本情况',
      `申请人（借款人）：${w.borrower.name}`,
      `电子邮箱：${w.borrower.email}`,
      `邮寄地址：${POSTAL}`,
      `被申请人（贷款机构）：${w.lender.name}`,
      `统一社会信用代码：${w.lender.creditCode}`,
      '住所：上海市浦东新区世纪大道 100 号',
      '八、送达地址确认',
    ]) {
      expect(flat).toContain(squash(s));
    }
    // ID and phone masked: the file goes to the lender and by mail.
    expect(flat).toMatch(/身份证号码：\d{6}\*{8}[0-9X]{4}/);
    expect(flat).not.toContain(w.borrower.idNumber);
    expect(flat).not.toContain(w.borrower.phone);
  });

  it('prints the facts, the dispute and the responsibilities (art. 29 (2)), no narrative', () => {
    expect(flat).toContain('三、纠纷的主要事实、争议事项及各方责任');
    expect(flat).toContain('逾期原因（类别）：失业');
    // The lender's debt statement, item by item, and its total.
    for (const s of ['本金人民币8000.00元', '利息人民币900.00元', '罚息人民币500.40元']) {
      expect(flat).toContain(s);
    }
    expect(flat).toContain('滞纳金及其他费用人民币250.00元，合计人民币9650.40元');
    expect(flat).toContain('应当承担偿还责任');
    expect(flat).not.toContain(squash('公司裁员，目前正在找工作'));
  });

  it('prints the content, the manner and the term of performance (art. 29 (3))', async () => {
    const a = (await api.get(w.borrower.token, c.id)).body;
    expect(flat).toContain('人民币8000.00元（大写：人民币捌仟元整）');
    expect(flat).toContain('人民币1650.40元');
    expect(flat).toContain('还款总额与减免金额合计人民币9650.40元');
    for (const row of a.schedule) expect(flat).toContain(`${row.seq}${row.dueDate}${row.amount}`);
    expect(flat).toContain(squash('户名 好分期金融服务有限公司'));
    expect(flat).toContain('当日24:00前到账');
    expect(flat).toContain('结清证明');
    expect(flat).toContain('金融信用信息基础数据库');
  });

  it('prints the court, the 司法确认 clause and every signer by name, role and time', () => {
    expect(flat).toContain('北京市朝阳区人民法院申请司法确认');
    expect(flat).toContain('第二百零五条、第二百零六条');
    expect(flat).toContain(squash(`申请人（签名）：${w.borrower.name}（本人）`));
    expect(flat).toContain(squash(`${w.lenderRep.name}（被申请人授权代表）`));
    expect(flat).toContain(squash(`调解员（签名）：${w.mediator.name}`));
    expect(flat.match(/签署时间：\d{4}-\d{2}-\d{2}\d{2}:\d{2}/g)).toHaveLength(3);
    // The seal (art. 29: the mediation organisation's seal) and the verification code.
    expect(flat).toContain(squash(`电子签章：${w.center.name}`));
    expect(flat).toMatch(/核验码：[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(flat).not.toContain('草稿');
  });

  it('carries a signature pdfsig finds valid over the whole file; one changed byte breaks it', () => {
    const out = pdfsig(sealed);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    // A byte the signature covers: in the middle of the range after the signature's contents.
    const [, , from, length] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/
      .exec(sealed.toString('latin1'))!
      .slice(1)
      .map(Number);
    const broken = pdfsig(flipped(sealed, from + Math.floor(length / 2)));
    expect(broken).not.toContain('Signature is Valid');
    expect(broken).toContain('Digest Mismatch');
  });

  it('verifies by code and by upload, the seal checked; a changed byte is not ours', async () => {
    const a = (await api.get(w.borrower.token, c.id)).body;
    const expected = {
      kind: 'agreement',
      caseNumber: c.caseNumber,
      status: 'sealed',
      version: 1,
      currentVersion: 1,
      draft: false,
      inForce: true,
      statement: expect.stringMatching(/is in force/),
      sha256: a.sealedSha256,
      signedAt: a.sealedAt,
      seal: expect.objectContaining({
        valid: true,
        coversWholeFile: true,
        centreCertificate: true,
      }),
    };
    expect((await t.http().get(`/api/v1/verify/${a.verificationCode}`)).body).toEqual(expected);
    const typed = a.verificationCode.toLowerCase().replace(/-/g, '');
    expect((await t.http().get(`/api/v1/verify/${typed}`)).body).toEqual(expected);
    expect((await api.upload(sealed).expect(200)).body).toEqual(expected);
    expect((await api.upload(flipped(sealed))).status).toBe(404);
    await t.http().get('/api/v1/verify/0000-0000-0000').expect(404);
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

  it('mails "in force" on the confirmation only, with the sealed PDF attached', async () => {
    const mails: { kind: string; subject: string; attachments: MailAttachment[] }[] =
      await t.dataSource.query(
        `SELECT kind, subject, attachments FROM mail_outbox WHERE case_id = $1 ORDER BY created_at`,
        [c.id],
      );
    const inForce = mails.filter((m) => m.subject.includes('调解协议已生效'));
    expect(inForce.map((m) => m.kind).sort()).toEqual(
      expect.arrayContaining(['confirm_agreement.borrower', 'confirm_agreement.lender']),
    );
    expect(inForce.every((m) => m.kind.startsWith('confirm_agreement.'))).toBe(true);
    const toBorrower = inForce.find((m) => m.kind === 'confirm_agreement.borrower')!;
    expect(toBorrower.attachments).toHaveLength(1);
    // The sealed file itself, named once for every recipient rather than copied into each row.
    const [attachment] = toBorrower.attachments;
    if (!('dataPath' in attachment)) throw new Error('the sealed PDF was copied into the mail row');
    const pdf = readFileSync(join(t.config.dataDir, attachment.dataPath));
    expect(pdf.equals(sealed)).toBe(true);
  });

  it('records every download and keeps the clerk print queue until a clerk prints', async () => {
    const queue = async () =>
      (
        await t
          .http()
          .get('/api/v1/agreements/print-queue')
          .set('Authorization', `Bearer ${w.clerk.token}`)
          .expect(200)
      ).body.items.map((i: { caseId: string }) => i.caseId);
    expect(await queue()).toContain(c.id);
    await api.download(c.id, ['Authorization', `Bearer ${w.mediator.token}`]).expect(200);
    expect(await queue()).toContain(c.id);
    await api.download(c.id, ['Authorization', `Bearer ${w.clerk.token}`]).expect(200);
    expect(await queue()).not.toContain(c.id);
    const prints = await t.dataSource.query(
      `SELECT p.role, p.copy, p.user_id FROM agreement_prints p
         JOIN agreement_versions v ON v.id = p.agreement_version_id WHERE v.case_id = $1`,
      [c.id],
    );
    expect(prints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'borrower', copy: 'sealed', user_id: w.borrower.id }),
        expect.objectContaining({ role: 'clerk', copy: 'sealed', user_id: w.clerk.id }),
      ]),
    );
  });

  it('lets no admin download, and shows another lender nothing', async () => {
    const admin = await api.download(c.id, ['Authorization', `Bearer ${await adminToken(t)}`]);
    expect(admin.status).toBe(403);
    const other = await createOrganization(t, 'lender');
    const otherKey = await issueKey(t, other.id, null);
    expect((await api.download(c.id, ['X-API-Key', otherKey])).status).toBe(404);
    expect(
      (await t.http().get(`/api/v1/cases/${c.id}/agreement`).set('X-API-Key', otherKey)).status,
    ).toBe(404);
  });
});
