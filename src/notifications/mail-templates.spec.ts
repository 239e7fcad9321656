import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAIL_LOCALES } from './mail-context';
import type { MailLocale } from './mail-context';
import {
  assertMailTemplates,
  MAIL_RECIPIENTS_BY_ACTION,
  mailKinds,
  renderMail,
  resolveTemplate,
} from './mail-templates';

import { CASES, CJK, MAIL_DIR, fullContext, sparseContext } from './mail-contexts.fixtures';

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
    const textFooter = mail.text.slice(mail.text.lastIndexOf('\n--\n'));
    expect(textFooter).toContain(footer);
    expect(mail.html).toContain(footer);
    // Every notice carries its check code, where to check it, and the words against fraud.
    expect(textFooter).toContain(ctx.verifyUrl);
    expect(mail.html).toContain(`<a href="${ctx.verifyUrl.replace('=', '&#x3D;')}">`);
    for (const part of [textFooter, mail.html]) {
      expect(part).toContain(ctx.checkCode);
      expect(part).toContain(locale === 'en' ? 'personal account' : '个人账户');
      expect(part).toContain(locale === 'en' ? 'free of charge' : '不收取任何费用');
    }
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
});
