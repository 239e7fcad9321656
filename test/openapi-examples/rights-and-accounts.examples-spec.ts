import {
  adminToken,
  borrowerRegistration,
  login,
  newWorld,
  registerBorrower,
  World,
} from '../e2e/factories';
import { startTestApp, TestApp } from '../e2e/harness';
import { newCase } from '../e2e/new-case';
import { offline } from '../e2e/support/sessions';
import { examplesApi } from './examples-api';

const POSTAL = '上海市浦东新区张杨路 500 号 1201 室';
/** A borrower who consents to sharing only: every notice to them is posted (a postal task). */
const POSTAL_ONLY = {
  consents: {
    privacyNoticeVersion: '2026-12-01',
    onlineMediation: false,
    electronicService: false,
    shareWithLender: true,
  },
  serviceAddress: { postalAddress: POSTAL },
};

/**
 * Accounts (sign-up, passwords, an admin's deactivation), an organisation's registered
 * details, the access log, a borrower's rights over their data, complaints and postal tasks:
 * each documented answer once, reached the way a client would reach it.
 */
describe('accounts, rights and complaints (recorded as the document’s examples)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://mediation.test' });
    w = await newWorld(t);
    admin = await adminToken(t);
  });
  afterAll(() => t?.close());

  it('accounts and an organisation’s registered details', async () => {
    const api = examplesApi(t);
    const who = borrowerRegistration();
    await api.post(202, '/auth/register', null, who);
    const token = await login(t, who.email, who.password);
    const me = await api.get(200, '/auth/me', token);
    const changed = await api.post(200, '/auth/password', token, {
      currentPassword: who.password,
      newPassword: 'a-new-password-2026',
    });
    await api.post(200, `/admin/users/${me.id}/deactivate`, admin);
    await api.post(200, `/admin/users/${me.id}/reactivate`, admin);
    await api.post(200, `/admin/users/${me.id}/password`, admin, {
      password: 'reset-by-admin-2026',
    });
    await api.fail('UNAUTHENTICATED', t.http().get(api.url('/auth/me')), changed.accessToken);
    await api.patch(200, `/organizations/${w.lender.id}`, admin, {
      registeredAddress: '上海市浦东新区世纪大道 100 号 8 楼',
    });
    await api.get(200, '/admin/access-log', admin);
  });

  it('a borrower’s rights over their data', async () => {
    const api = examplesApi(t);
    const { borrower } = w;
    const c = await newCase(t, w, { status: 'awaiting_session' });
    await api.get(200, '/me/rights-requests', borrower.token);
    await api.patch(200, '/me/contact', borrower.token, { phone: '13800138000', caseId: c.id });
    await api.post(204, '/me/privacy-notice/accept', borrower.token, { version: '2026-12-01' });
    await api.get(200, `/cases/${c.id}/consents`, borrower.token);
    await api.get(200, `/cases/${c.id}/service-addresses`, borrower.token);
    await api.post(200, `/cases/${c.id}/consents/onlineMediation/withdraw`, borrower.token, {
      confirm: true,
    });
    await api.get(200, '/me/rights-requests', borrower.token);
    const leaving = await registerBorrower(t);
    await api.del(200, '/me', leaving.token, { confirm: true });
  });

  it('a conduct complaint answered by the lender and the centre', async () => {
    const api = examplesApi(t);
    const c = await newCase(t, w, { status: 'lender_notified' });
    const filed = await api.post(201, '/complaints', w.borrower.token, {
      caseId: c.id,
      category: 'third_party_contact',
      description: '催收人员打电话到我单位，告诉了我的同事',
      evidence: '2026-11-28 10:12 来电 021-5555 0101',
    });
    await api.get(200, '/complaints?status=received', w.clerk.token);
    await api.post(200, `/complaints/${filed.id}/take-up`, w.clerk.token);
    await api.post(200, `/complaints/${filed.id}/lender-answer`, w.lenderRep.token, {
      answer: '已核实，外包催收员已停止联系借款人单位',
    });
    await api.post(200, `/complaints/${filed.id}/answer`, w.clerk.token, {
      answer: '中心已要求贷款机构停止联系第三人，并记入本案。',
    });
    await api.get(200, `/complaints/${filed.id}`, w.borrower.token);
  });

  it('a notice posted to a borrower who declined electronic service', async () => {
    const api = examplesApi(t);
    await newCase(t, w, {
      status: 'session_scheduled',
      application: POSTAL_ONLY,
      session: offline(5 * 24 * 60),
    });
    const tasks = await api.get(200, '/postal-tasks', w.clerk.token);
    await api.post(200, `/postal-tasks/${tasks[0].id}/done`, w.clerk.token, {
      trackingNumber: 'XA123456789CN',
    });
  });
});
