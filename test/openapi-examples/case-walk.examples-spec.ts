import { adminToken, application, debtStatement, newWorld, World } from '../e2e/factories';
import { startTestApp, TestApp } from '../e2e/harness';
import { defaultTerms } from '../e2e/new-case';
import { serveNotices } from '../e2e/support/deadlines';
import { PNG } from '../e2e/support/pages';
import { startSession } from '../e2e/support/session-started';
import { slot } from '../e2e/support/sessions';
import { startSmtp, TestSmtp, until } from '../e2e/smtp';
import { examplesApi } from './examples-api';

/**
 * One case walked over HTTP through every action a caller can take, and every read of it
 * on the way, so that each documented success answers once for the recorder. The other
 * cases end the ways a case can end without settling.
 */
describe('the API, every success once (recorded as the document’s examples)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let w: World;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://mediation.test' });
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('people and organisations', async () => {
    const api = examplesApi(t);
    const admin = await adminToken(t);
    await api.get(200, '/auth/me', w.borrower.token);
    await api.get(200, '/privacy-notice');
    await api.get(200, '/mediators', w.clerk.token);
    await api.get(200, '/organizations', w.lenderRep.token);
    const key = await api.post(201, `/organizations/${w.lender.id}/api-keys`, admin, {
      name: 'core-banking',
      signingAgent: { name: '王晓明', title: '法务部经理' },
    });
    await api.get(200, `/organizations/${w.lender.id}/api-keys`, admin);
    const spare = await api.post(201, `/organizations/${w.lender.id}/api-keys`, admin, {});
    await api.del(204, `/organizations/${w.lender.id}/api-keys/${spare.id}`, admin);
    await api.get(200, '/cases', { key: key.key });
  });

  it('a case from filing to a sealed agreement', async () => {
    const api = examplesApi(t);
    const { borrower, clerk, mediator, lenderRep } = w;
    const c = await api.post(
      201,
      '/cases',
      borrower.token,
      application(w.lender.id, { mediationCenterId: w.center.id }),
      {
        'Idempotency-Key': 'file-2026-12-02-001',
      },
    );
    const act = (token: string, action: string, body: object = {}) =>
      api.post(200, `/cases/${c.id}/actions/${action}`, token, body);
    await act(clerk.token, 'request_info', { message: '请补充近三个月的收入证明' });
    await act(borrower.token, 'resubmit', {
      note: '已上传收入证明',
      corrections: { outstandingAmount: '9650.40' },
    });
    await api.upload(201, `/cases/${c.id}/evidence`, borrower.token, PNG, '收入证明.png');
    const files = await api.get(200, `/cases/${c.id}/evidence`, clerk.token);
    await api.bytes(200, `/cases/${c.id}/evidence/${files[0].id}`, clerk.token);
    await act(clerk.token, 'accept', { mediatorId: mediator.id });
    // The notices of acceptance delivered: the lender's window and the mediation term run.
    await serveNotices(t, c.id);
    await act(lenderRep.token, 'lender_accept', {
      debtStatement: debtStatement(),
      counterProposal: { settlementAmount: '8000.00', installments: 10, waivedAmount: '1650.40' },
    });
    const online = { mode: 'online', meetingUrl: 'https://meet.example.cn/room-1' };
    await act(mediator.token, 'schedule_session', { ...slot(14 * 24 * 60), ...online });
    await act(mediator.token, 'reschedule_session', slot(15 * 24 * 60));
    await act(mediator.token, 'cancel_session', { reason: '借款人临时住院' });
    await act(mediator.token, 'schedule_session', { ...slot(16 * 24 * 60), ...online });
    await act(mediator.token, 'adjourn', { minutes: '双方就分期期数未达成一致，约定下次继续' });
    await act(mediator.token, 'schedule_session', { ...slot(17 * 24 * 60), ...online });
    const proposed = await act(mediator.token, 'propose_extension', {
      days: 10,
      reason: '双方需要更多时间核对账目',
    });
    const extension = { proposalId: proposed.extensionProposal.id };
    await act(borrower.token, 'agree_extension', extension);
    await act(lenderRep.token, 'agree_extension', extension);
    const sessions = await api.get(200, `/cases/${c.id}/sessions`, borrower.token);
    await api.get(200, '/mediators/me/sessions', mediator.token);
    await api.get(200, `/mediators/${mediator.id}/sessions`, clerk.token);
    const booked = sessions.find((s: { status: string }) => s.status === 'scheduled');
    await api.bytes(200, `/cases/${c.id}/sessions/${booked.id}/invite.ics`, borrower.token);
    // An agreement records the session: it is drafted once the session has started.
    await startSession(t, c.id);
    await act(mediator.token, 'draft_agreement', defaultTerms({ installments: 12 }));
    await act(mediator.token, 'revise_agreement', defaultTerms({ installments: 10 }));
    const agreement = await api.get(200, `/cases/${c.id}/agreement`, lenderRep.token);
    await api.bytes(200, `/cases/${c.id}/agreement/pdf`, lenderRep.token);
    const signature = { version: agreement.version, sha256: agreement.draftSha256 };
    await act(lenderRep.token, 'sign_agreement', signature);
    await act(borrower.token, 'sign_agreement', { ...signature, confirm: true });
    await act(mediator.token, 'confirm_agreement', signature);
    const sealed = await until(async () => {
      const a = await api.get(200, `/cases/${c.id}/agreement`, borrower.token);
      return a.sealedSha256 ? a : null;
    }, 'the agreement to be sealed');
    await api.get(200, `/verify/${sealed.verificationCode}`);
    const pdf = await api.bytes(200, `/cases/${c.id}/agreement/pdf`, borrower.token);
    await api.upload(200, '/verify', null, pdf, 'agreement.pdf');
    await api.get(200, '/agreements/print-queue', clerk.token);
    await api.get(200, `/cases/${c.id}`, lenderRep.token);
    await api.get(200, `/cases/${c.id}/events`, borrower.token);
    await api.get(200, '/cases?status=settled', clerk.token);

    const notes = await api.get(200, '/notifications', borrower.token);
    await api.get(200, '/notifications/unread-count', borrower.token);
    await api.post(200, `/notifications/${notes.items[0].id}/read`, borrower.token);
    await api.post(200, '/notifications/read-all', borrower.token);
  });

  it('the other ends of a case', async () => {
    const api = examplesApi(t);
    const file = () =>
      api.post(
        201,
        '/cases',
        w.borrower.token,
        application(w.lender.id, { mediationCenterId: w.center.id }),
      );
    const [rejected, withdrawn, declined, closed] = await Promise.all([1, 2, 3, 4].map(file));
    const act = (id: string, token: string, action: string, body: object) =>
      api.post(200, `/cases/${id}/actions/${action}`, token, body);
    await act(rejected.id, w.clerk.token, 'reject', { reason: '借款合同不属于本中心受理范围' });
    await act(withdrawn.id, w.borrower.token, 'withdraw', { reason: '已与贷款机构自行和解' });
    for (const c of [declined, closed]) {
      await act(c.id, w.clerk.token, 'accept', { mediatorId: w.mediator.id });
    }
    await act(declined.id, w.lenderRep.token, 'lender_decline', { reason: '该笔债务已转让' });
    await act(closed.id, w.lenderRep.token, 'lender_accept', { debtStatement: debtStatement() });
    await act(closed.id, w.mediator.token, 'close_unsuccessful', {
      reason: '借款人表示无力偿还，双方未能达成一致',
    });
  });
});
