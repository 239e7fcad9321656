import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGREEMENT_STATUSES } from '../agreements/agreements.dto';
import { LOCALES } from '../cases/case.entity';
import { ROLES } from '../common/roles';
import { CASE_STATUSES } from '../workflow/states';
import { catalogue, hasMessage, translate, translateApiMessage } from './page-messages';
import type { Catalogue } from './page-messages';
import { NAVIGATION } from './page-paths';
import { pagesDir } from './page-views';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../complaints/complaint.entity';
import { CALENDAR_SOURCES } from '../calendar/official-calendar';
import { DELIVERY_STATUSES } from '../lender/webhook-delivery.entity';
import { MAIL_STATUSES } from '../notifications/mail-outbox.entity';
import { JUDICIAL_PARTIES, JUDICIAL_STATUSES } from '../judicial/judicial-confirmation.entity';
import { OUTCOMES } from '../judicial/judicial.dto';

/** Every key of a catalogue, but the API translations (the English one needs fewer). */
function keys(c: Catalogue, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => {
    if (k === 'apiMessages' || k === 'apiPatterns') return [];
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? [key] : keys(v as Catalogue, key);
  });
}

function templates(dir = pagesDir()): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? templates(join(dir, e.name))
      : e.name.endsWith('.hbs')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

/** Keys written out in templates: `{{t "a.b"` and the message-key hash arguments of partials. */
function literalKeys(): string[] {
  const found = new Set<string>();
  for (const src of templates()) {
    for (const m of src.matchAll(/\(?\bt "([\w.]+)"(?=[\s})])/g)) found.add(m[1]);
    for (const m of src.matchAll(/\b(?:label|hint|blank)="([\w.]+)"/g)) found.add(m[1]);
  }
  return [...found];
}

describe('page message catalogues', () => {
  it('have the same keys in every locale, so the switch changes every text', () => {
    const [first, ...others] = LOCALES.map((l) => keys(catalogue(l)).sort());
    for (const other of others) expect(other).toEqual(first);
  });

  it.each(LOCALES)('hold every key the %s pages use', (locale) => {
    // `t "home.steps" this "title"`, `t "caseStatus" status`: a prefix with a data suffix.
    // Looked up with a value: `{{t "caseStatus" status}}`; each value is checked below.
    const prefixes = new Set([
      ...['home.steps', 'caseStatus', 'agreementStatus', 'role', 'error'],
      // The borrower's pages (src/web/case/case-messages.spec.ts checks each value).
      ...['caseNext', 'caseNext.borrower', 'timeline', 'apply.steps', 'apply.stepState'],
      ...['apply.reasons', 'apply.mode', 'case.stepState', 'case.session.mode'],
      ...['case.session.status', 'cases.deadline'],
      // The complaint pages: each value is checked below.
      ...['complaints.categories', 'complaints.statuses', 'complaints.steps'],
      ...['me.kinds', 'me.outcomes'],
      // The admin console and the staff case page: each value is checked below.
      ...['admin.mail.statuses', 'admin.webhooks.statuses', 'admin.calendar.sources'],
      'case.staffExtra.party',
      // The check of a notice on /verify: its recipient's role and its channel.
      ...['verify.roles', 'verify.channels'],
    ]);
    const missing = literalKeys().filter((k) => !prefixes.has(k) && !hasMessage(locale, k));
    expect(missing).toEqual([]);
    const dynamic = [
      ...CASE_STATUSES.map((s) => `caseStatus.${s}`),
      ...AGREEMENT_STATUSES.map((s) => `agreementStatus.${s}`),
      ...ROLES.map((r) => `role.${r}`),
      ...[1, 2, 3, 4, 5].flatMap((n) => [`home.steps.${n}.title`, `home.steps.${n}.body`]),
      ...['notFound', 'forbidden', 'csrf', 'internal', 'other'].flatMap((k) => [
        `error.${k}.title`,
        `error.${k}.body`,
      ]),
      ...['home', 'register', 'login', 'verify', 'cases', 'notifications'].map((v) => `${v}.title`),
      ...NAVIGATION.map((n) => n.key),
      'flash.registered',
      'flash.signedOut',
      'flash.allRead',
      ...COMPLAINT_CATEGORIES.map((c) => `complaints.categories.${c}`),
      ...COMPLAINT_STATUSES.map((s) => `complaints.statuses.${s}`),
      ...['filed', 'taken_up', 'lender_answered', 'answered'].map((s) => `complaints.steps.${s}`),
      ...['complaintFiled', 'complaintTakenUp', 'complaintAnswered'].map((f) => `flash.${f}`),
      'flash.contactCorrected',
      ...['access', 'correction', 'withdrawal', 'deletion'].map((k) => `me.kinds.${k}`),
      ...['done', 'refused'].map((k) => `me.outcomes.${k}`),
      ...MAIL_STATUSES.map((s) => `admin.mail.statuses.${s}`),
      ...DELIVERY_STATUSES.map((s) => `admin.webhooks.statuses.${s}`),
      ...[...CALENDAR_SOURCES, 'none'].map((s) => `admin.calendar.sources.${s}`),
      ...['borrower', 'lender'].map((p) => `case.staffExtra.party.${p}`),
      ...['borrower', 'lender', 'mediator', 'clerk'].map((r) => `verify.roles.${r}`),
      ...['mail', 'post'].map((c) => `verify.channels.${c}`),
      // The 司法确认 section of the case page (src/web/case/case-judicial.data.ts).
      ...['none', ...JUDICIAL_STATUSES].map((s) => `judicial.status.${s}`),
      ...JUDICIAL_PARTIES.map((p) => `judicial.party.${p}`),
      ...OUTCOMES.flatMap((o) => [`judicial.outcome.${o}`, `flash.judicialOutcome.${o}`]),
      ...['flash.judicialAsked', 'flash.judicialJoined'],
      ...JUDICIAL_PARTIES.flatMap((p) => [
        `timeline.judicial_confirmation_requested_${p}`,
        `timeline.judicial_confirmation_joined_${p}`,
      ]),
      ...OUTCOMES.map((o) => `timeline.judicial_confirmation_${o}`),
    ];
    expect(dynamic.filter((k) => !hasMessage(locale, k))).toEqual([]);
  });

  it('fills parameters and refuses a key it does not have', () => {
    expect(translate('en', 'forms.fixErrors', { count: 2 })).toBe(
      '2 answers need changing: see the marked fields below.',
    );
    expect(() => translate('zh-CN', 'no.such.key')).toThrow('no zh-CN page message "no.such.key"');
  });

  it('says the API’s messages in the page’s language, and keeps unknown ones as they are', () => {
    expect(
      translateApiMessage(
        'zh-CN',
        'must be an 18-digit resident ID number with a valid check digit',
      ),
    ).toBe('请输入正确的 18 位居民身份证号码（校验位不符）');
    expect(translateApiMessage('zh-CN', 'too many failed logins; try again in 42 s')).toBe(
      '登录失败次数过多，请 42 秒后再试',
    );
    expect(translateApiMessage('zh-CN', 'something new')).toBe('something new');
  });
});
