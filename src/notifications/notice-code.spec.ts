import { normalizeVerificationCode } from '../agreements/verification-code';
import { newNoticeCode, normalizeNoticeCode } from './notice-code';
import { NOTICE_WORDS, noticeWords } from './notice-words';
import { MAIL_RECIPIENTS_BY_ACTION, mailKinds } from './mail-templates';

describe('notice check codes', () => {
  it('are two groups of five unambiguous characters, and differ', () => {
    const codes = Array.from({ length: 500 }, newNoticeCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read back as typed, and never as an agreement’s code (nor the other way round)', () => {
    expect(normalizeNoticeCode(' 7qf3m 9dxr2 ')).toBe('7QF3M-9DXR2');
    expect(normalizeNoticeCode('7QF3M9DXR2')).toBe('7QF3M-9DXR2');
    expect(normalizeNoticeCode('OQF3M-9DXIL')).toBe('0QF3M-9DX11');
    const notice = newNoticeCode();
    expect(normalizeVerificationCode(notice)).toBeNull();
    expect(normalizeNoticeCode('K7QF-3M9D-XR2P')).toBeNull();
  });

  it('refuse what cannot be a code', () => {
    for (const bad of ['', '7QF3M', '7QF3M-9DXR2-1', '7QF3M-9DXRU', '../../etc/pa']) {
      expect(normalizeNoticeCode(bad)).toBeNull();
    }
  });
});

describe('what a notice is, in words', () => {
  it('has words in both languages for every mail kind, and for account mail', () => {
    for (const action of Object.keys(MAIL_RECIPIENTS_BY_ACTION)) {
      expect(NOTICE_WORDS[action as keyof typeof NOTICE_WORDS]).toBeDefined();
    }
    for (const kind of [...mailKinds(), 'account.registered', 'account.register_attempt']) {
      const words = noticeWords(kind);
      expect(words['zh-CN']).toMatch(/[\u3400-\u9fff]/);
      expect(words.en).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(noticeWords('file.borrower').en).toBe('Receipt for a mediation application');
  });
});
