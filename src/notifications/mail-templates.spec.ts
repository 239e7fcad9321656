import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { MAIL_LOCALES } from './mail-context';
import type { MailContext, MailLocale } from './mail-context';
import {
  assertMailTemplates,
  MAIL_RECIPIENTS_BY_ACTION,
  mailKinds,
  renderMail,
  resolveTemplate,
} from './mail-templates';

const MAIL_DIR = join(projectRoot(), 'templates', 'mail');

function fullContext(overrides: Partial<MailContext> = {}): MailContext {
  return {
    caseNumber: 'TJ-2026-000123',
    recipientName: '张三',
    borrowerName: '张三',
    lenderName: '某某消费金融有限公司',
    mediatorName: '李调解',
    status: 'awaiting_signatures',
    caseUrl: 'https://mediation.example.cn/cases/5b1e0c7a',
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
  lender_accept: {
    asOf: '2026-11-20',
    principal: '8000.00',
    interest: '900.00',
    penaltyInterest: '500.40',
    fees: '250.00',
  },
};
/** The deadlines exist from acceptance on; an extension only in the mails of its actions. */
const BEFORE_ACCEPT = ['request_info', 'resubmit', 'reject', 'withdraw'];
const NEEDS_EXTENSION = ['propose_extension', 'agree_extension'];
const NEEDS_SESSION = ['schedule_session', 'reschedule_session', 'session_reminder'];
const NEEDS_AGREEMENT = [
  'draft_agreement',
  'revise_agreement',
  'sign_agreement',
  'confirm_agreement',
];

function sparseContext(kind: string): MailContext {
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

const CASES = mailKinds().flatMap((kind) => MAIL_LOCALES.map((locale) => [kind, locale] as const));
const CJK = /[\u3400-\u9fff]/;

describe('mail kinds', () => {
  it('lists every action and recipient the notifications need', () => {
    expect(mailKinds()).toHaveLength(
      Object.values(MAIL_RECIPIENTS_BY_ACTION).reduce((n, r) => n + r.length, 0),
    );
    expect(mailKinds()).toEqual(
      expect.arrayContaining(['sign_agreement.clerk', 'withdraw.clerk', 'session_reminder.lender']),
    );
  });

  it('finds a template for every kind in every locale at boot', () => {
    expect(() => assertMailTemplates()).not.toThrow();
  });

  it('uses the recipient-specific template when one exists, else the action default', () => {
    for (const locale of MAIL_LOCALES) {
      expect(resolveTemplate('accept.lender', locale)).toBe('accept.lender.hbs');
      expect(resolveTemplate('withdraw.clerk', locale)).toBe('withdraw.hbs');
      expect(resolveTemplate('sign_agreement.borrower', locale)).toBe(
        'sign_agreement.borrower.hbs',
      );
      expect(resolveTemplate('sign_agreement.mediator', locale)).toBe('sign_agreement.hbs');
      expect(resolveTemplate('expire_lender_response.lender', locale)).toBe(
        'expire_lender_response.hbs',
      );
    }
  });

  it('has no template file that no kind would ever use (a misspelt name)', () => {
    for (const locale of MAIL_LOCALES) {
      const used = new Set(mailKinds().map((k) => resolveTemplate(k, locale)));
      const files = readdirSync(join(MAIL_DIR, locale)).filter((f) => !f.startsWith('_'));
      expect(files.filter((f) => !used.has(f))).toEqual([]);
    }
  });

  it('refuses an unknown kind, a bare action and an unknown locale with a clear error', () => {
    expect(() => renderMail('accept.auditor', 'en', fullContext())).toThrow(
      'unknown mail kind "accept.auditor"',
    );
    expect(() => renderMail('accept', 'en', fullContext())).toThrow('unknown mail kind');
    expect(() => renderMail('accept.lender', 'fr' as MailLocale, fullContext())).toThrow(
      'unknown mail locale "fr"',
    );
  });
});

describe('renderMail', () => {
  it.each(CASES)('renders %s in %s with a full context', (kind, locale) => {
    const ctx = fullContext();
    const mail = renderMail(kind, locale, ctx);
    expect(mail.subject).toContain(ctx.caseNumber);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(ctx.caseUrl);
    expect(mail.html).toContain(`<a href="${ctx.caseUrl}">`);
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/undefined|\bnull\b|\[object Object\]/);
    }
    const footer = locale === 'en' ? 'This is a service message' : '本邮件是调解平台';
    expect(mail.text.trimEnd().split('\n').slice(-2).join('\n')).toContain(footer);
    expect(mail.html).toContain(footer);
  });

  it.each(CASES)('renders %s in %s with only what the action guarantees', (kind, locale) => {
    const mail = renderMail(kind, locale, sparseContext(kind));
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/undefined|\bnull\b|\[object Object\]/);
    }
  });

  it.each(CASES)('writes the %s subject in the language of %s', (kind, locale) => {
    const ctx = fullContext();
    const subject = renderMail(kind, locale, ctx).subject.replace(ctx.caseNumber, '');
    if (locale === 'zh-CN') expect(subject).toMatch(CJK);
    else expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('escapes user text in the HTML part and keeps it verbatim in the text part', () => {
    const reason = '<script>alert("x")</script> & <b>bold</b>';
    const mail = renderMail('reject.borrower', 'en', fullContext({ input: { reason } }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;',
    );
    expect(mail.text).toContain(reason);
  });

  it('keeps line breaks of user text in both parts', () => {
    const message = '1. 收入证明\n2. 借款合同';
    const mail = renderMail('request_info.borrower', 'zh-CN', fullContext({ input: { message } }));
    expect(mail.text).toContain(message);
    expect(mail.html).toContain('1. 收入证明<br>\n2. 借款合同');
  });

  it('does not let a value break the subject onto a second header line', () => {
    const ctx = fullContext({ caseNumber: 'TJ-1\r\nBcc: victim@example.com' });
    const { subject } = renderMail('accept.lender', 'en', ctx);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('TJ-1 Bcc: victim@example.com');
  });

  it('links only web addresses, so a javascript: URL stays inert text', () => {
    const ctx = fullContext({ caseUrl: 'javascript:alert(1)' });
    const { html } = renderMail('adjourn.borrower', 'en', ctx);
    expect(html).not.toContain('href="javascript:');
  });

  it('tells a signer "you signed" and the other party that they may sign', () => {
    const ctx = fullContext({
      agreement: { ...fullContext().agreement!, version: 3, signedBy: 'borrower' },
    });
    expect(renderMail('sign_agreement.borrower', 'en', ctx).text).toContain(
      'You have signed version 3',
    );
    expect(renderMail('sign_agreement.lender', 'en', ctx).text).toContain(
      'The applicant, 张三, has signed version 3',
    );
    expect(renderMail('sign_agreement.mediator', 'zh-CN', ctx).text).toContain('等待另一方签署');
  });

  it('never says a signature put the agreement in force, even once both parties signed', () => {
    const ctx = fullContext({
      agreement: { ...fullContext().agreement!, version: 3, signedBy: 'lender', bothSigned: true },
    });
    for (const kind of mailKinds().filter((k) => k.startsWith('sign_agreement.'))) {
      const zh = renderMail(kind, 'zh-CN', ctx);
      const en = renderMail(kind, 'en', ctx);
      expect(`${zh.subject}${zh.text}`).not.toMatch(/已生效|协议生效。/);
      expect(zh.text).toMatch(/均已签署.*第 3 版/);
      expect(zh.text).toMatch(/调解员确认/);
      expect(`${en.subject}${en.text}`).not.toMatch(/in force|is now final/);
      expect(en.text).toMatch(/[Bb]oth parties.*signed version 3/);
    }
  });

  it('says the agreement is in force on confirmation, with the court for 司法确认', () => {
    const ctx = fullContext({
      agreement: { ...fullContext().agreement!, version: 3, settled: true, bothSigned: true },
    });
    for (const kind of mailKinds().filter((k) => k.startsWith('confirm_agreement.'))) {
      const zh = renderMail(kind, 'zh-CN', ctx);
      const en = renderMail(kind, 'en', ctx);
      expect(zh.subject).toContain('调解协议已生效');
      expect(zh.text).toContain('第 3 版调解协议');
      expect(en.subject).toContain('in force');
      expect(en.text).toMatch(/[Vv]ersion 3 of the mediation agreement/);
    }
    expect(renderMail('confirm_agreement.borrower', 'zh-CN', ctx).text).toContain(
      '30 日内共同向上海市浦东新区人民法院申请司法确认',
    );
  });

  it('shows the borrower the lender’s confirmed debt beside their own figure', () => {
    const text = renderMail('lender_accept.borrower', 'zh-CN', fullContext()).text;
    expect(text).toContain('罚息：500.40 元');
    expect(text).toContain('合计：9650.40 元');
    expect(text).toContain('您申请时填写的欠款金额为 9650.40 元');
  });

  it('shows the counter-proposal to the borrower only when the lender made one', () => {
    const withOffer = renderMail('lender_accept.borrower', 'zh-CN', fullContext()).text;
    const without = renderMail(
      'lender_accept.borrower',
      'zh-CN',
      sparseContext('lender_accept.borrower'),
    );
    expect(withOffer).toContain('还款总额：8000.00 元');
    expect(without.text).not.toContain('还款总额');
  });

  it('tells the lender its time to answer runs from this notice’s service, not from now', () => {
    const notServed = {
      period: '7 个工作日',
      started: false,
      words: '7 个工作日，自通知送达贷款机构次日起算。通知尚未送达，期限尚未开始计算。',
      provisional: false,
    };
    const ctx = fullContext({ lenderResponse: notServed, lenderResponseDueAt: null });
    const zh = renderMail('accept.lender', 'zh-CN', ctx).text;
    expect(zh).toContain('答复期限：7 个工作日，自本通知送达贵机构次日起算');
    const en = renderMail('accept.lender', 'en', {
      ...ctx,
      lenderResponse: { ...notServed, period: '7 working days' },
    }).text;
    expect(en).toContain('Time to answer: 7 working days from the day after this notice is served');
    expect(renderMail('accept.borrower', 'zh-CN', ctx).text).toContain('通知尚未送达');
  });

  it('says the derivation once a notice is served', () => {
    const text = renderMail('record_lender_service.lender', 'zh-CN', fullContext()).text;
    expect(text).toContain(
      '7 个工作日，自 12月2日送达次日起算，不计周末 2 天，12月11日24:00届满。',
    );
  });

  it('tells the clerks only of the deadlines that are provisional', () => {
    const text = renderMail('flag_provisional_deadline.clerk', 'zh-CN', fullContext()).text;
    expect(text).toContain('调解期限：30 日');
    expect(text).not.toContain('贷款机构答复期限');
  });

  it('says who agreed to an extension, and the new term once both did', () => {
    const one = renderMail('agree_extension.mediator', 'zh-CN', fullContext()).text;
    expect(one).toContain('申请人张三已同意');
    expect(one).toContain('尚待另一方同意');
    const ctx = fullContext();
    const both = fullContext({
      extension: { ...ctx.extension!, lenderAgreed: true, agreed: true },
    });
    const en = renderMail('agree_extension.borrower', 'en', both);
    expect(en.subject).toContain("extended with both parties' consent");
    expect(en.text).toContain('New mediation term: 经双方同意延长');
  });
});
