import type { Locale } from './case.entity';

/** The notice a borrower consents to when filing; bump the version when the text changes. */
export const PRIVACY_NOTICE_VERSION = '2026-11-01';

const TEXT: Record<Locale, string> = {
  'zh-CN': `个人信息处理告知书（版本 ${PRIVACY_NOTICE_VERSION}）

为办理您申请的诉前调解，调解中心将处理您提供的姓名、身份证号码、手机号码、电子邮箱、借款合同信息、逾期情况及您上传的证据材料。其中身份证号码与金融账户信息属于敏感个人信息。

1. 处理目的：审核调解申请、通知被申请人、组织调解会议、制作并送达调解协议书。
2. 向贷款机构提供：经您单独同意，我们仅向您申请书中列明的贷款机构提供办理本案所需的信息；身份证号码和手机号码以部分隐藏的方式提供。
3. 在线调解与电子送达：经您同意，调解可在线进行，相关文书和通知将发送至您账户登记的电子邮箱和手机号码。
4. 保存期限：案件结束后按法律法规要求的期限保存，期满后删除或匿名化。
5. 您的权利：您可以查阅、复制、更正您的个人信息，可以撤回同意（撤回不影响此前处理的效力，但可能导致调解无法继续），也可以通过平台投诉渠道提出意见。`,
  en: `Personal information notice (version ${PRIVACY_NOTICE_VERSION})

To handle your application for pre-litigation mediation, the mediation centre processes your name, resident ID number, mobile number, email, loan contract details, overdue status and the evidence you upload. The ID number and financial account information are sensitive personal information.

1. Purpose: to review the application, notify the respondent, hold mediation sessions, and draw up and serve the mediation agreement.
2. Sharing with the lender: with your separate consent, only the lender named in your application receives what this case needs; your ID number and mobile number are shown to it partly masked.
3. Online mediation and electronic service: with your consent, mediation may take place online, and documents and notices are sent to the email and mobile number of your account.
4. Retention: kept after the case ends for the period the law requires, then deleted or anonymised.
5. Your rights: you may access, copy and correct your information, withdraw consent (this does not affect earlier processing but may end the mediation), and complain through the platform's complaint channel.`,
};

export const privacyNotice = (locale: Locale) => ({
  version: PRIVACY_NOTICE_VERSION,
  locale,
  text: TEXT[locale],
});
