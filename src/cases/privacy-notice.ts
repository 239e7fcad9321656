import type { PrivacyControllerConfig } from '../common/config/config';
import type { Locale } from './case.entity';

import { PRIVACY_NOTICE_HISTORY, PRIVACY_NOTICE_VERSION } from '../common/privacy-notice-version';

export { PRIVACY_NOTICE_VERSION };

type Controller = Pick<PrivacyControllerConfig, 'name' | 'address' | 'contactEmail'> & {
  contactPhone: string | null;
};

const zh = (c: Controller) => `个人信息处理告知书（版本 ${PRIVACY_NOTICE_VERSION}）

一、个人信息处理者：${c.name}（地址：${c.address}）。个人信息保护事务联系人：${c.contactEmail}${c.contactPhone ? `，电话 ${c.contactPhone}` : ''}。

二、处理目的：审核您的调解申请、通知被申请的贷款机构、组织调解会议、制作并送达调解协议书，以及处理您的投诉。

三、我们持有的信息：账户信息（姓名、身份证号码、手机号码、电子邮箱、密码的散列值）；送达地址（电子邮箱、手机号码、邮寄地址）及其变更记录；借款信息（合同编号、本金、未还金额、逾期起始日）；逾期原因及您填写的逾期情况说明；还款方案；您上传的证据材料；调解会议记录；调解协议书、签署时间及签署时的网络信息（签署元数据）；投诉内容；您行使权利的请求及答复。

四、敏感个人信息及其必要性：身份证号码用于确认您的身份，以便调解协议书可以申请司法确认；金融账户与借款信息用于核对债务、拟定还款方案。没有这些信息，调解无法进行。

五、接收方：调解员（办理本案）；您申请书中列明的贷款机构（经您单独同意，身份证号码和手机号码部分隐藏）；申请司法确认时的人民法院；为我们发送邮件和托管系统的受托处理者（仅按我们的指示处理）。

六、在线调解与电子送达：均由您自主选择。不同意在线调解的，调解会议一律线下进行；不同意电子送达的，文书和通知以邮寄方式送达您确认的邮寄地址，电子邮件仅作提醒，不视为送达。

七、保存期限：案件材料自结案之日起保存 30 年（调解协议可申请司法确认并据以申请强制执行，案卷须能调取；依《个人信息保护法》第十九条，保存期限为实现处理目的所必要的最短时间，并依调解中心档案管理制度执行）；未立案的账户信息在您注销账户后 30 日内删除；登录记录保存 6 个月（《网络安全法》第二十一条）；投诉记录保存 3 年。期满后删除或匿名化。

八、您的权利及行使方式（《个人信息保护法》第四十四条至第四十七条）：
- 查阅、复制：在“我的信息”页面（/me/data）或 GET /api/v1/me/data 下载您的全部信息（JSON）；
- 更正：在 /me/contact 或 PATCH /api/v1/me/contact 更正联系方式和送达地址，每次变更均有记录；
- 撤回同意：在案件页面或 POST /api/v1/cases/{id}/consents/{kind}/withdraw 撤回；撤回前会告诉您后果（撤回向贷款机构提供信息的同意即撤回调解申请），撤回不影响此前处理的效力；
- 注销账户：没有进行中的案件时可在 /me 或 DELETE /api/v1/me 注销；已结案件按上述期限保存；
- 投诉：通过平台投诉渠道（/complaints 或 POST /api/v1/complaints）。对银行、保险机构的投诉也可拨打国家金融监督管理总局消费者投诉热线 12378。
每项请求及其答复都会被记录。`;

const en = (c: Controller) => `Personal information notice (version ${PRIVACY_NOTICE_VERSION})

1. The handler: ${c.name} (${c.address}). Contact for personal-data matters: ${c.contactEmail}${c.contactPhone ? `, phone ${c.contactPhone}` : ''}.

2. Purposes: to review your application for mediation, notify the lender it names, hold mediation sessions, draw up and serve the mediation agreement, and handle your complaints.

3. What we hold: your account (name, resident ID number, mobile number, email, a hash of your password); your service address (email, mobile, postal address) and its changes; the loan (contract number, principal, outstanding amount, overdue since); the reason for being overdue and the account of it you wrote; your proposal; the evidence you upload; session minutes; the agreement, when it was signed and the network details of the signing (signing metadata); your complaints; your requests under your rights and their answers.

4. Sensitive information and why it is needed: the ID number identifies you, so the agreement can be confirmed by a court; the loan and account details let the debt be checked and a plan be drawn up. Without them there can be no mediation.

5. Recipients: the mediator of your case; the lender named in your application (with your separate consent; ID and mobile number partly masked); the people's court when judicial confirmation (司法确认) is sought; our processors for mail and hosting (acting only on our instructions).

6. Online mediation and electronic service are your free choice. Declined online mediation: every session is held in person. Declined electronic service: documents and notices are posted to the postal address you confirmed; mails are reminders only and do not count as service.

7. Retention: case files are kept 30 years from the case's close (an agreement may be confirmed by a court and enforced, so its file must stay available; PIPL art. 19: the shortest period the purpose needs, under the centre's archive rules); an account with no case is deleted within 30 days of closing it; sign-in records are kept 6 months (Cybersecurity Law art. 21); complaints 3 years. Then they are deleted or anonymised.

8. Your rights and where to exercise them (PIPL arts. 44–47):
- see and copy: download all your data as JSON at /me/data or GET /api/v1/me/data;
- correct: your contact details and service address at /me/contact or PATCH /api/v1/me/contact; each change is recorded;
- withdraw a consent: on the case page or POST /api/v1/cases/{id}/consents/{kind}/withdraw; what follows is said before you confirm (withdrawing sharing with the lender withdraws the application); earlier processing stays lawful;
- close your account where no case is open: at /me or DELETE /api/v1/me; closed cases are kept for the period above;
- complain: through the platform's complaint channel (/complaints or POST /api/v1/complaints). Consumers of banks and insurers may also call the regulator's hotline 12378.
Every request and its answer is recorded.`;

const TEXT: Record<Locale, (c: Controller) => string> = { 'zh-CN': zh, en };

export const privacyNotice = (locale: Locale, controller?: Controller) => {
  const c: Controller = controller ?? {
    name: '调解中心',
    address: '—',
    contactEmail: 'privacy@mediation.local',
    contactPhone: null,
  };
  return {
    version: PRIVACY_NOTICE_VERSION,
    locale,
    text: TEXT[locale](c),
    controller: { name: c.name, address: c.address, contactEmail: c.contactEmail },
    history: PRIVACY_NOTICE_HISTORY.map((h) => ({ ...h })),
  };
};
