import { mailKinds, renderMail } from './mail-templates';
import { fullContext, sparseContext } from './mail-contexts.fixtures';

/** What the mails say at the steps where the wording carries the law: signatures, service, terms. */
describe('mail wording', () => {
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
