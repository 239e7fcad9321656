import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { MAIL_LOCALES } from './mail-context';
import type { MailContext } from './mail-context';
import { mailKinds } from './mail-templates';

/** The contexts the mail tests render with: everything set, or only what an action guarantees. */

export const MAIL_DIR = join(projectRoot(), 'templates', 'mail');

export function fullContext(overrides: Partial<MailContext> = {}): MailContext {
  return {
    caseNumber: 'TJ-2026-000123',
    recipientName: '张三',
    borrowerName: '张三',
    lenderName: '某某消费金融有限公司',
    mediatorName: '李调解',
    status: 'awaiting_signatures',
    caseUrl: 'https://mediation.example.cn/cases/5b1e0c7a',
    checkCode: '7QF3M-9DXR2',
    verifyUrl: 'https://mediation.example.cn/verify?code=7QF3M-9DXR2',
    complaintsUrl: 'https://mediation.example.cn/complaints',
    periods: { lenderResponse: '7 个工作日', mediationTerm: '30 日' },
    input: {
      message: '请补充近三个月的收入证明。',
      note: '已上传失业证明。',
      reason: '双方对减免金额分歧较大。',
      days: '10',
      settlementAmount: '8000.00',
      installments: '12',
      waivedAmount: '1650.40',
      firstDueDate: '2027-01-15',
      asOf: '2026-11-20',
      principal: '8000.00',
      interest: '900.00',
      penaltyInterest: '500.40',
      fees: '250.00',
      daysLeft: '7',
      deadline: '2030-05-06 24:00 (北京时间)',
      period: '30 日，自 4月4日次日起算，5月6日24:00届满。',
      court: '上海市浦东新区人民法院',
      borrowerJoined: 'true',
      lenderJoined: 'false',
      seq: '2',
      dueDate: '2027-02-15',
      amount: '666.67',
      unpaid: '666.67',
      graceDays: '15',
      paid: '8000.00',
      completedOn: '2027-12-15',
      lateInstallments: '2',
      outstanding: '7333.33',
      waived: '666.74',
      leftToPay: '0.00',
      paidOn: '2027-01-14',
    },
    lenderResponseDueAt: '2026-12-11 24:00 (北京时间)',
    mediationDueAt: '2027-01-04 24:00 (北京时间)',
    lenderResponse: {
      period: '7 个工作日',
      started: true,
      words: '7 个工作日，自 12月2日送达次日起算，不计周末 2 天，12月11日24:00届满。',
      provisional: false,
    },
    mediationTerm: {
      period: '30 日',
      started: true,
      words:
        '30 日，自 12月2日送达次日起算，2027年1月1日24:00届满。（暂定：2027年官方节假日安排尚未公布，暂按周一至周五计算。）',
      provisional: true,
    },
    extension: {
      proposalId: '0b6f1c9e-5d2a-4c1e-9a51-3f7d2e8b6a10',
      days: '10',
      reason: '双方需要时间核对金额。',
      borrowerAgreed: true,
      lenderAgreed: false,
      agreed: false,
      term: '经双方同意延长：10 日，自 2027年1月1日次日起算，2027年1月11日24:00届满。',
      expiresAt: '2027-01-01 24:00 (北京时间)',
    },
    amounts: {
      outstanding: '9650.40',
      settlement: '8000.00',
      waived: '1650.40',
      confirmed: '9650.40',
    },
    loan: { contractNumber: 'HFQ-2025-00012345' },
    proposal: { installments: 12, requestWaiver: true },
    session: {
      startsAt: '2026-12-03 10:00 (北京时间)',
      endsAt: '2026-12-03 11:00 (北京时间)',
      mode: 'online',
      location: null,
      meetingUrl: 'https://meet.example.cn/r/abc',
    },
    agreement: {
      version: 2,
      settled: false,
      signedBy: 'borrower',
      bothSigned: false,
      courtName: '上海市浦东新区人民法院',
    },
    ...overrides,
  };
}

/** Only what each action guarantees; everything optional is left out, as the sparsest real mail. */
const REQUIRED_INPUT: Record<string, Record<string, string>> = {
  request_info: { message: '请补充收入证明。' },
  resubmit: { note: '已补充。' },
  reject: { reason: '材料不属于本平台受理范围。' },
  lender_decline: { reason: '已进入诉讼程序。' },
  cancel_session: { reason: '调解员临时有事。' },
  draft_agreement: { installments: '6', firstDueDate: '2027-01-15' },
  revise_agreement: { installments: '6', firstDueDate: '2027-01-15' },
  propose_extension: { days: '5', reason: '双方需要时间核对金额。' },
  agree_extension: { proposalId: '0b6f1c9e-5d2a-4c1e-9a51-3f7d2e8b6a10' },
  judicial_confirmation_reminder: {
    daysLeft: '7',
    deadline: '2030-05-06 24:00 (北京时间)',
    period: '30 日，自 4月4日次日起算，5月6日24:00届满。',
    court: '上海市浦东新区人民法院',
    borrowerJoined: 'true',
    lenderJoined: 'false',
  },
  plan_reminder: { seq: '2', dueDate: '2027-02-15', amount: '666.67', unpaid: '666.67' },
  installment_late: {
    seq: '2',
    dueDate: '2027-02-15',
    amount: '666.67',
    unpaid: '666.67',
    graceDays: '15',
  },
  plan_completed: { paid: '8000.00', completedOn: '2027-12-15' },
  acceleration_invoked: { lateInstallments: '2', outstanding: '7333.33' },
  installment_waived: {
    seq: '12',
    dueDate: '2027-12-15',
    waived: '666.74',
    paid: '0.00',
    reason: '经协商同意减免。',
    leftToPay: '0.00',
  },
  payment_reported: { amount: '666.66', paidOn: '2027-01-14' },
  payment_report_confirmed: { amount: '666.66', paidOn: '2027-01-14' },
  payment_report_disputed: { amount: '666.66', paidOn: '2027-01-14', reason: '未收到该笔款项。' },
  lender_accept: {
    asOf: '2026-11-20',
    principal: '8000.00',
    interest: '900.00',
    penaltyInterest: '500.40',
    fees: '250.00',
  },
};
/** The deadlines exist from acceptance on; an extension only in the mails of its actions. */
const BEFORE_ACCEPT = ['file', 'request_info', 'resubmit', 'reject', 'withdraw'];
const NEEDS_EXTENSION = ['propose_extension', 'agree_extension'];
const NEEDS_SESSION = ['schedule_session', 'reschedule_session', 'session_reminder'];
const NEEDS_AGREEMENT = [
  'draft_agreement',
  'revise_agreement',
  'sign_agreement',
  'confirm_agreement',
];

export function sparseContext(kind: string): MailContext {
  const action = kind.slice(0, kind.lastIndexOf('.'));
  const full = fullContext();
  return {
    ...full,
    mediatorName: null,
    input: REQUIRED_INPUT[action] ?? {},
    amounts: NEEDS_AGREEMENT.includes(action)
      ? full.amounts
      : action === 'lender_accept'
        ? { outstanding: '9650.40', confirmed: '9650.40' }
        : { outstanding: '9650.40' },
    session: NEEDS_SESSION.includes(action)
      ? { ...full.session!, mode: 'offline', location: '朝阳区调解中心 3 号室', meetingUrl: null }
      : null,
    agreement: NEEDS_AGREEMENT.includes(action)
      ? { version: 1, settled: true, signedBy: null, bothSigned: true, courtName: null }
      : null,
    ...(BEFORE_ACCEPT.includes(action) ? { lenderResponse: null, mediationTerm: null } : {}),
    extension: NEEDS_EXTENSION.includes(action) ? full.extension : null,
  };
}

export const CASES = mailKinds().flatMap((kind) =>
  MAIL_LOCALES.map((locale) => [kind, locale] as const),
);
export const CJK = /[\u3400-\u9fff]/;
