import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { MAIL_LOCALES } from './mail-context';
import type { MailContext, MailLocale, MailRecipient } from './mail-context';

/**
 * Who receives mail for each action: workflow.md's side effects, plus the filing receipt, the
 * reminder jobs (the session's, and the 司法确认 deadline's of src/judicial) and the repayment
 * plan's notices.
 */
export const MAIL_RECIPIENTS_BY_ACTION = {
  file: ['borrower'],
  request_info: ['borrower'],
  resubmit: ['clerk'],
  reject: ['borrower'],
  accept: ['lender', 'borrower', 'mediator'],
  lender_accept: ['borrower', 'mediator'],
  lender_decline: ['borrower', 'mediator'],
  schedule_session: ['borrower', 'lender', 'mediator'],
  reschedule_session: ['borrower', 'lender', 'mediator'],
  cancel_session: ['borrower', 'lender', 'mediator'],
  adjourn: ['borrower', 'lender'],
  close_unsuccessful: ['borrower', 'lender'],
  draft_agreement: ['borrower', 'lender'],
  revise_agreement: ['borrower', 'lender'],
  sign_agreement: ['borrower', 'lender', 'mediator', 'clerk'],
  confirm_agreement: ['borrower', 'lender', 'mediator', 'clerk'],
  withdraw: ['lender', 'mediator', 'clerk'],
  propose_extension: ['borrower', 'lender'],
  agree_extension: ['borrower', 'lender', 'mediator'],
  record_lender_service: ['lender'],
  record_borrower_service: ['borrower'],
  flag_provisional_deadline: ['clerk'],
  expire_lender_response: ['borrower', 'lender', 'mediator'],
  expire_term: ['borrower', 'lender', 'mediator'],
  session_reminder: ['borrower', 'lender', 'mediator'],
  judicial_confirmation_reminder: ['borrower', 'lender'],
  // The repayment plan's notices (src/plans): jobs and plan events, not transitions.
  plan_reminder: ['borrower'],
  installment_late: ['borrower', 'lender', 'mediator'],
  plan_completed: ['lender'],
  acceleration_invoked: ['borrower', 'mediator'],
  installment_waived: ['borrower', 'mediator'],
  // The borrower's payment reports (src/plans): plan events, not transitions.
  payment_reported: ['lender'],
  payment_report_confirmed: ['borrower'],
  payment_report_disputed: ['borrower', 'mediator'],
} as const satisfies Record<string, readonly MailRecipient[]>;

type RecipientsByAction = typeof MAIL_RECIPIENTS_BY_ACTION;
export type MailAction = keyof RecipientsByAction;
export type MailKind = {
  [A in MailAction]: `${A}.${RecipientsByAction[A][number]}`;
}[MailAction];

const KINDS: readonly MailKind[] = Object.entries(MAIL_RECIPIENTS_BY_ACTION).flatMap(
  ([action, recipients]) => recipients.map((r) => `${action}.${r}` as MailKind),
);
const KIND_SET = new Set<string>(KINDS);

export function mailKinds(): MailKind[] {
  return [...KINDS];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

type Render = (ctx: object) => string;
interface KindTemplate {
  file: string;
  subject: Render;
  text: Render;
  html: Render;
}
interface LocaleTemplates {
  kinds: Map<string, KindTemplate>;
  footerText: Render;
  footerHtml: Render;
}

// Two environments over one source: the HTML one escapes every value (reasons and notes are
// typed by users), the text one does not, and `link` renders as an anchor or a bare URL.
// Each locale gets its own pair so that its `_name.hbs` partials are plain `{{> name}}`.
interface Envs {
  html: typeof Handlebars;
  text: typeof Handlebars;
}
const HELPERS = ['link', 'eq'] as const;
const isWebUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\//i.test(v);

function makeEnvs(): Envs {
  const html = Handlebars.create();
  const text = Handlebars.create();
  html.registerHelper('link', (url: unknown) => {
    const href = html.escapeExpression(String(url ?? ''));
    return isWebUrl(url) ? new html.SafeString(`<a href="${href}">${href}</a>`) : href;
  });
  text.registerHelper('link', (url: unknown) => String(url ?? ''));
  for (const env of [html, text]) env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return { html, text };
}

// `strict` makes a template that prints a field the context lacks throw instead of printing
// nothing: a mail missing the reason or the date is worse than a failed job that gets noticed.
type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
const OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(HELPERS.map((h) => [h, true])),
};
// `compile` defers all work to the first call; `precompile` runs the whole compiler now, so a
// syntax error or an unknown helper fails at load (and so at boot) rather than at the first send.
function compileNow(env: typeof Handlebars, src: string, options: CompileOptions): Render {
  env.precompile(src, options);
  return env.compile(src, options);
}
const compileHtml = (envs: Envs, src: string) => compileNow(envs.html, src, OPTIONS);
const compileText = (envs: Envs, src: string) =>
  compileNow(envs.text, src, { ...OPTIONS, noEscape: true });

const SECTIONS =
  /^\{\{!--\s*subject\s*--\}\}[ \t]*\n(.*)\n\{\{!--\s*body\s*--\}\}[ \t]*\n([\s\S]*)$/;

function mailDir(): string {
  return join(projectRoot(), 'templates', 'mail');
}

function read(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n');
}

function loadKind(envs: Envs, path: string, file: string): KindTemplate {
  const parts = SECTIONS.exec(read(path).trimStart());
  if (!parts) {
    throw new Error(
      `mail template ${path}: expected "{{!-- subject --}}", one subject line, ` +
        '"{{!-- body --}}", then the body',
    );
  }
  const [, subject, body] = parts;
  return {
    file,
    subject: compileText(envs, subject.trim()),
    text: compileText(envs, body),
    html: compileHtml(envs, body),
  };
}

function loadLocale(locale: MailLocale): LocaleTemplates {
  const dir = join(mailDir(), locale);
  const envs = makeEnvs();
  const files = readdirSync(dir).filter((f) => f.endsWith('.hbs'));
  for (const file of files.filter((f) => f.startsWith('_'))) {
    const source = read(join(dir, file));
    envs.html.registerPartial(file.slice(1, -'.hbs'.length), source);
    envs.text.registerPartial(file.slice(1, -'.hbs'.length), source);
  }
  const kinds = new Map<string, KindTemplate>();
  for (const file of files.filter((f) => !f.startsWith('_'))) {
    kinds.set(file.slice(0, -'.hbs'.length), loadKind(envs, join(dir, file), file));
  }
  const footer = read(join(dir, '_footer.hbs'));
  return { kinds, footerText: compileText(envs, footer), footerHtml: compileHtml(envs, footer) };
}

const cache = new Map<MailLocale, LocaleTemplates>();
let layouts: { text: Render; html: Render } | undefined;

function templatesFor(locale: MailLocale): LocaleTemplates {
  let t = cache.get(locale);
  if (!t) cache.set(locale, (t = loadLocale(locale)));
  return t;
}

function layoutsOnce(): { text: Render; html: Render } {
  if (!layouts) {
    const envs = makeEnvs();
    layouts = {
      text: compileText(envs, read(join(mailDir(), 'layout.text.hbs'))),
      html: compileHtml(envs, read(join(mailDir(), 'layout.html.hbs'))),
    };
  }
  return layouts;
}

function assertLocale(locale: string): asserts locale is MailLocale {
  if (!(MAIL_LOCALES as readonly string[]).includes(locale)) {
    throw new Error(`unknown mail locale "${locale}" (known: ${MAIL_LOCALES.join(', ')})`);
  }
}

function lookup(kind: string, locale: string): KindTemplate {
  assertLocale(locale);
  if (!KIND_SET.has(kind)) throw new Error(`unknown mail kind "${kind}"`);
  const { kinds } = templatesFor(locale);
  const action = kind.slice(0, kind.lastIndexOf('.'));
  const found = kinds.get(kind) ?? kinds.get(action);
  if (!found) {
    throw new Error(
      `no ${locale} mail template for "${kind}": add templates/mail/${locale}/${kind}.hbs or ${action}.hbs`,
    );
  }
  return found;
}

/**
 * The template file a kind renders from: `<action>.<recipient>.hbs` when the recipient needs
 * its own wording, else the action's shared `<action>.hbs`. Nothing else is tried, so a kind
 * never silently borrows another action's wording.
 */
export function resolveTemplate(kind: string, locale: MailLocale): string {
  return lookup(kind, locale).file;
}

/** Loads every template and resolves every kind in every locale; call at boot to fail fast. */
export function assertMailTemplates(): void {
  layoutsOnce();
  for (const locale of MAIL_LOCALES) for (const kind of KINDS) resolveTemplate(kind, locale);
}

/** Strips anything that would let a value break out of the Subject header. */
function oneLine(s: string): string {
  return s
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function tidyText(s: string): string {
  return s
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Blank lines separate paragraphs and a single newline breaks a line, as in the text part. */
function paragraphs(escaped: string): string {
  return tidyText(escaped)
    .split(/\n{2,}/)
    .map((block) => `<p>${block.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

export function renderMail(kind: string, locale: MailLocale, ctx: MailContext): RenderedMail {
  const template = lookup(kind, locale);
  const t = templatesFor(locale);
  const subject = oneLine(template.subject(ctx));
  const layout = layoutsOnce();
  const text = layout.text({
    body: tidyText(template.text(ctx)),
    footer: tidyText(t.footerText(ctx)),
  });
  const html = layout.html({
    lang: locale,
    subject,
    body: paragraphs(template.html(ctx)),
    footer: paragraphs(t.footerHtml(ctx)),
  });
  return { subject, text: `${tidyText(text)}\n`, html };
}
