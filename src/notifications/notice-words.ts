import type { MailAction } from './mail-templates';

type Words = { 'zh-CN': string; en: string };

/**
 * What each kind of notice is, in words, for the public check (`GET /verify/:code`): said of
 * the step, never of the people, so that the answer carries nothing personal.
 */
export const NOTICE_WORDS: Record<MailAction | 'account', Words> = {
  file: { 'zh-CN': '调解申请受理回执', en: 'Receipt for a mediation application' },
  request_info: { 'zh-CN': '补正材料通知', en: 'Request for more information' },
  resubmit: { 'zh-CN': '申请已补正、待审核', en: 'Application resubmitted for review' },
  reject: { 'zh-CN': '申请审核结果（不予受理）', en: 'Review result: application not accepted' },
  accept: { 'zh-CN': '调解申请受理通知', en: 'Notice that the application was accepted' },
  lender_accept: { 'zh-CN': '贷款机构同意调解', en: 'The lender agreed to mediate' },
  lender_decline: { 'zh-CN': '贷款机构不同意调解', en: 'The lender declined to mediate' },
  schedule_session: { 'zh-CN': '调解会议通知', en: 'Notice of a mediation session' },
  reschedule_session: { 'zh-CN': '调解会议改期通知', en: 'Notice that a session was moved' },
  cancel_session: { 'zh-CN': '调解会议取消通知', en: 'Notice that a session was cancelled' },
  adjourn: { 'zh-CN': '调解会议休会通知', en: 'Notice that a session was adjourned' },
  close_unsuccessful: {
    'zh-CN': '调解终结通知',
    en: 'Notice that mediation ended without agreement',
  },
  draft_agreement: { 'zh-CN': '调解协议待签署', en: 'Mediation agreement ready for signature' },
  revise_agreement: { 'zh-CN': '调解协议修订通知', en: 'Mediation agreement revised' },
  sign_agreement: { 'zh-CN': '调解协议签署进展', en: 'Mediation agreement signature update' },
  confirm_agreement: { 'zh-CN': '调解协议生效通知', en: 'Mediation agreement in force' },
  withdraw: { 'zh-CN': '撤回调解申请通知', en: 'Notice that the application was withdrawn' },
  plan_reminder: { 'zh-CN': '还款提醒', en: 'Repayment reminder' },
  installment_late: { 'zh-CN': '分期逾期通知', en: 'Notice of a late installment' },
  plan_completed: { 'zh-CN': '还款计划履行完毕', en: 'Repayment plan completed' },
  acceleration_invoked: {
    'zh-CN': '贷款机构主张加速到期',
    en: 'The lender invoked the acceleration clause',
  },
  installment_waived: { 'zh-CN': '分期款项减免通知', en: 'Notice of a waived installment' },
  payment_reported: { 'zh-CN': '申请人报告已还款', en: 'The borrower reported a payment' },
  payment_report_confirmed: { 'zh-CN': '还款已确认', en: 'A reported payment was confirmed' },
  payment_report_disputed: { 'zh-CN': '还款有异议', en: 'A reported payment was disputed' },
  judicial_confirmation_reminder: {
    'zh-CN': '司法确认申请期限提醒',
    en: 'Reminder of the deadline to apply for judicial confirmation',
  },
  propose_extension: { 'zh-CN': '延长调解期限的提议', en: 'Proposal to extend the mediation term' },
  agree_extension: { 'zh-CN': '延长调解期限的同意', en: 'Consent to extend the mediation term' },
  record_lender_service: { 'zh-CN': '调解通知已送达', en: 'Mediation notice served' },
  record_borrower_service: { 'zh-CN': '受理通知已送达', en: 'Acceptance notice served' },
  flag_provisional_deadline: { 'zh-CN': '期限暂按周一至周五计算', en: 'Provisional deadline' },
  expire_lender_response: { 'zh-CN': '贷款机构答复期限届满', en: 'Lender answer period ended' },
  expire_term: { 'zh-CN': '调解期限届满', en: 'Mediation term ended' },
  session_reminder: { 'zh-CN': '调解会议提醒', en: 'Reminder of a mediation session' },
  account: { 'zh-CN': '账户通知', en: 'Account notice' },
};

/** The words for a stored kind (`accept.borrower`, `account.registered`). */
export function noticeWords(kind: string): Words {
  const action = kind.slice(0, kind.lastIndexOf('.'));
  return (NOTICE_WORDS as Record<string, Words | undefined>)[action] ?? NOTICE_WORDS.account;
}
