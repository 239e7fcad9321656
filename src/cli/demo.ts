import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { DateTime } from 'luxon';
import { DEV_ADMIN } from '../common/config/config';
import { Api, creditCode, residentId, tag } from './demo-client';
import type { Auth, Json } from './demo-client';

/**
 * `npm run demo`: walks one case through the five steps of pre-litigation mediation against a
 * running service, as each role in turn, through the public API only. It creates what it needs
 * (a mediation centre, a lender, their staff, a borrower) as the admin of `.env` or
 * `.env.example`, so it can run any number of times against the same service, and writes the
 * signed agreement to `out/` (or DEMO_OUT_DIR).
 *
 * This is a client of the service, not part of it: its settings come from its own variables.
 */
export interface DemoSettings {
  baseUrl: string;
  outDir: string;
  admin: { email: string; password: string };
}

export function demoSettings(env: Record<string, string | undefined>): DemoSettings {
  return {
    baseUrl: (env.DEMO_BASE_URL || 'http://localhost:3000').replace(/\/+$/, ''),
    outDir: resolve(env.DEMO_OUT_DIR || 'out'),
    admin: {
      email: env.ADMIN_EMAIL || DEV_ADMIN.email,
      password: env.ADMIN_PASSWORD || DEV_ADMIN.password,
    },
  };
}

const say = (line = '') => process.stdout.write(`${line}\n`);

export async function runDemo(
  settings: DemoSettings,
): Promise<{ caseNumber: string; pdfPath: string }> {
  const api = new Api(settings.baseUrl);
  say(`Mediation demo against ${settings.baseUrl}`);
  const login = async (email: string, password: string): Promise<Auth> => ({
    token: String(
      (await api.call('POST', '/api/v1/auth/login', null, { email, password })).accessToken,
    ),
  });
  const admin = await login(settings.admin.email, settings.admin.password);

  // Setup, as the admin: the organisations and staff accounts of one case.
  const run = tag();
  const center = await api.call('POST', '/api/v1/organizations', admin, {
    type: 'mediation_center',
    name: `浦东新区金融纠纷人民调解委员会（演示 ${run}）`,
    contactEmail: `center.${run}@demo.test`,
    courtName: '上海市浦东新区人民法院',
  });
  const lender = await api.call('POST', '/api/v1/organizations', admin, {
    type: 'lender',
    name: `好分期消费金融有限公司（演示 ${run}）`,
    contactEmail: `lender.${run}@demo.test`,
    creditCode: creditCode(),
    registeredAddress: '上海市浦东新区世纪大道 100 号',
  });
  const password = `demo-password-${run}`;
  const staff = async (role: string, name: string, organizationId: unknown) => {
    const email = `${role}.${run}@demo.test`;
    await api.call('POST', '/api/v1/users', admin, { role, name, email, password, organizationId });
    return login(email, password);
  };
  const clerk = await staff('clerk', '王书记员', center.id);
  const mediator = await staff('mediator', '李明', center.id);
  const lenderRep = await staff('lender', '赵经理', lender.id);
  const borrowerEmail = `borrower.${run}@demo.test`;
  await api.call('POST', '/api/v1/auth/register', null, {
    name: '张伟',
    email: borrowerEmail,
    phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    idNumber: residentId(),
    password,
  });
  // Sign-up answers the same for a new address and a known one; the new account signs in.
  const borrower = await login(borrowerEmail, password);
  say(`Setup (admin ${settings.admin.email}): centre "${center.name}", lender "${lender.name}",`);
  say('  clerk 王书记员, mediator 李明, lender representative 赵经理; borrower 张伟 registered.');

  const roles: [string, Auth][] = [
    ['borrower', borrower],
    ['clerk', clerk],
    ['mediator', mediator],
    ['lender', lenderRep],
  ];
  let caseId = '';
  const step = async (title: string, work: () => Promise<void>) => {
    say();
    say(title);
    await work();
    const views = await Promise.all(roles.map(([, auth]) => api.caseAs(caseId, auth)));
    const seen = views.find((v) => v !== null)!;
    say(`  case ${seen.caseNumber} — status: ${seen.status}`);
    roles.forEach(([role], i) => {
      const view = views[i];
      const allowed = view
        ? (view.allowedActions as string[]).join(', ') || '—'
        : '(cannot see the case yet)';
      say(`    ${role.padEnd(9)} may: ${allowed}`);
    });
  };
  const act = (auth: Auth, action: string, body: unknown) =>
    api.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, auth, body);

  await step('Step 1 申请调解 — the borrower files the application', async () => {
    const notice = await api.call('GET', '/api/v1/privacy-notice', null);
    const filed = await api.call('POST', '/api/v1/cases', borrower, {
      lenderOrganizationId: lender.id,
      mediationCenterId: center.id,
      loan: {
        contractNumber: `HFQ-2025-${run.toUpperCase()}`,
        principal: '12000.00',
        outstandingAmount: '9650.40',
        overdueSince: DateTime.now().setZone('Asia/Shanghai').minus({ months: 5 }).toISODate(),
      },
      overdueReason: 'unemployment',
      reasonDetail: '公司裁员后失业，目前已重新就业，收入可以支持分期还款。',
      proposal: { installments: 12, requestWaiver: true, note: '希望减免罚息' },
      preferredMode: 'online',
      locale: 'zh-CN',
      consents: {
        privacyNoticeVersion: notice.version,
        onlineMediation: true,
        electronicService: true,
        shareWithLender: true,
      },
    });
    caseId = String(filed.id);
  });

  await step('Step 2 信息审核 — the clerk reviews it and assigns the mediator', async () => {
    const mediatorId = (await api.call('GET', '/api/v1/auth/me', mediator)).id;
    await act(clerk, 'accept', { mediatorId });
  });

  await step('Step 3 通知对方 — the lender, notified, agrees to mediate', async () => {
    await act(lenderRep, 'lender_accept', {
      debtStatement: {
        asOf: DateTime.now().setZone('Asia/Shanghai').toISODate(),
        principal: '8000.00',
        interest: '900.00',
        penaltyInterest: '500.40',
        fees: '250.00',
      },
      counterProposal: {
        settlementAmount: '8000.00',
        installments: 12,
        waivedAmount: '1650.40',
        note: '同意减免罚息，本金分 12 期',
      },
    });
  });

  // The session starts in a few seconds, so that the demo can wait for it: the agreement may
  // only be drafted once the session has started.
  let sessionStart: DateTime = DateTime.now();
  await step('Step 4 调解会议 — the mediator books an online session', async () => {
    const start = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ seconds: 3 })
      .set({ millisecond: 0 });
    sessionStart = start;
    await act(mediator, 'schedule_session', {
      startsAt: start.toISO({ suppressMilliseconds: true }),
      endsAt: start.plus({ hours: 1 }).toISO({ suppressMilliseconds: true }),
      mode: 'online',
      meetingUrl: 'https://meet.example.cn/mediation-demo',
    });
  });

  let agreement: Json = {};
  await step(
    'Step 5 达成协议 — the parties sign the agreement; the mediator confirms it under the seal',
    async () => {
      await new Promise((r) =>
        setTimeout(r, Math.max(0, sessionStart.toMillis() - Date.now() + 500)),
      );
      await act(mediator, 'draft_agreement', {
        settlementAmount: '8000.00',
        installments: 12,
        firstDueDate: DateTime.now().setZone('Asia/Shanghai').plus({ months: 1 }).toISODate(),
        waivedAmount: '1650.40',
        payment: {
          accountName: '好分期消费金融有限公司',
          bankName: '中国工商银行上海市分行营业部',
          accountNumber: '1001 2345 6789 0123 456',
        },
        clauses: ['申请人可以随时提前偿还剩余款项，被申请人不收取提前还款费用。'],
        minutes: '双方同意按 12 期分期偿还 8000.00 元，被申请人减免罚息 1650.40 元。',
      });
      agreement = await api.call('GET', `/api/v1/cases/${caseId}/agreement`, borrower);
      say(`  agreement version ${agreement.version}, draft PDF SHA-256 ${agreement.draftSha256}`);
      const confirm = { version: agreement.version, sha256: agreement.draftSha256, confirm: true };
      say(`  borrower signs → ${(await act(borrower, 'sign_agreement', confirm)).status}`);
      say(`  lender signs   → ${(await act(lenderRep, 'sign_agreement', confirm)).status}`);
      const seal = { version: agreement.version, sha256: agreement.draftSha256 };
      say(`  mediator confirms → ${(await act(mediator, 'confirm_agreement', seal)).status}`);
    },
  );

  // The clerk prints the sealed agreement; anyone can check the file against the service.
  const sealed = await api.call('GET', `/api/v1/cases/${caseId}/agreement`, clerk);
  const pdf = await api.bytes(`/api/v1/cases/${caseId}/agreement/pdf`, clerk);
  await mkdir(settings.outDir, { recursive: true });
  const pdfPath = join(settings.outDir, `${sealed.caseNumber}-agreement.pdf`);
  await writeFile(pdfPath, pdf);
  const verified = await api.verifyFile(pdf);
  say();
  say(`Sealed agreement written to ${pdfPath}`);
  say(`  ${pdf.length} bytes, SHA-256 ${createHash('sha256').update(pdf).digest('hex')}`);
  say(
    `  verification: ${verified.status}, version ${verified.version}, signed ${verified.signedAt}`,
  );
  const seal = verified.seal as Json | null;
  say(
    `  electronic seal: ${seal?.valid && seal.coversWholeFile ? `valid, by ${seal.signer}` : 'NOT valid'}`,
  );
  say(`  check it online: ${settings.baseUrl}/api/v1/verify/${sealed.verificationCode}`);
  return { caseNumber: String(sealed.caseNumber), pdfPath };
}

if (require.main === module) {
  loadDotenv({ quiet: true });
  runDemo(demoSettings(process.env)).catch((e: unknown) => {
    console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
