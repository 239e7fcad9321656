import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Locale, OverdueReason } from '../cases/case.entity';
import { projectRoot } from '../common/project-root';

const REASONS = [
  'unemployment',
  'illness',
  'income_reduction',
  'emergency',
  'fee_dispute',
  'other',
] as const satisfies readonly OverdueReason[];
// Fails to compile when a reason is added to the case without a name in the templates.
const _everyReasonNamed: [Exclude<OverdueReason, (typeof REASONS)[number]>] extends [never]
  ? true
  : false = true;

// The keys every template file must define, as data so a file missing one fails on load
// rather than printing "undefined" into a signed agreement; the types derive from it.
const STRING_GROUPS = {
  header: ['caseNumber', 'version', 'draftedAt'],
  headings: [
    'mediation',
    'parties',
    'facts',
    'terms',
    'schedule',
    'performance',
    'clauses',
    'service',
    'effect',
    'signatures',
    'verification',
  ],
  lines: [
    'mediationCenter',
    'mediator',
    'borrower',
    'borrowerId',
    'borrowerPhone',
    'borrowerEmail',
    'borrowerPostal',
    'lender',
    'lenderCreditCode',
    'lenderAddress',
    'lenderEmail',
    'facts',
    'reason',
    'debt',
    'borrowerFigure',
    'dispute',
    'settlement',
    'waiver',
    'noWaiver',
    'reconciles',
    'installments',
    'payToAccount',
    'payByChannel',
    'cutoff',
    'settlementCertificate',
    'service',
    'serviceBorrower',
    'serviceLender',
    'serviceChange',
    'inForce',
    'judicialConfirmation',
    'copies',
  ],
  schedule: ['seq', 'dueDate', 'amount', 'total'],
  signatures: [
    'borrower',
    'lender',
    'mediator',
    'self',
    'representative',
    'signingAgent',
    'mediatorCapacity',
    'signedAt',
    'footer',
  ],
  verification: ['code', 'hint'],
  seal: ['center', 'signedAt', 'certificate', 'note', 'stamp', 'reason'],
  reasons: REASONS,
} as const;
const STRINGS = ['title', 'watermark', 'draftNotice', 'extraClausesHeading', 'pageNumber'] as const;

type StringGroups = {
  [G in keyof typeof STRING_GROUPS]: Record<(typeof STRING_GROUPS)[G][number], string>;
};

export interface AgreementTemplate extends StringGroups {
  title: string;
  /** Across every page of a draft. */
  watermark: string;
  /** Under the title of a draft: why it is not (yet) an agreement. */
  draftNotice: string;
  extraClausesHeading: string;
  pageNumber: string;
  /** Default clauses; placeholders are filled from `variables`. */
  defaultClauses: string[];
  /** Numbers the default clauses refer to (grace days before acceleration, and the like). */
  variables: Record<string, number | string>;
}

/** Checks a template file's shape; a file missing a key fails here, not in a signed agreement. */
function assertTemplate(raw: unknown, file: string): asserts raw is AgreementTemplate {
  const fail = (what: string): never => {
    throw new Error(`agreement template ${file}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('not a JSON object');
  const template = raw as Record<string, unknown>;
  for (const key of STRINGS) {
    if (typeof template[key] !== 'string') fail(`${key} must be a string`);
  }
  for (const [key, fields] of Object.entries(STRING_GROUPS)) {
    const group = (template[key] ?? {}) as Record<string, unknown>;
    for (const field of fields) {
      if (typeof group[field] !== 'string') fail(`${key}.${field} must be a string`);
    }
  }
  const clauses = template.defaultClauses;
  if (!Array.isArray(clauses) || !clauses.every((c) => typeof c === 'string')) {
    fail('defaultClauses must be a list of strings');
  }
  if (typeof template.variables !== 'object' || template.variables === null) {
    fail('variables must be an object');
  }
}

const loaded = new Map<string, AgreementTemplate>();

/** Read once per file; edits to a template need a restart, like code. */
export function loadAgreementTemplate(locale: Locale, dir?: string): AgreementTemplate {
  const file = join(dir ?? join(projectRoot(), 'templates', 'agreement'), `${locale}.json`);
  let template = loaded.get(file);
  if (!template) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    assertTemplate(parsed, file);
    template = parsed;
    loaded.set(file, template);
  }
  return template;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Fills `{{placeholders}}` in template text. Only template text is compiled: values such as
 * extra clauses are passed in, never compiled, so a party's text cannot inject placeholders.
 * No HTML escaping, since the output is PDF text; strict, so a misspelt placeholder throws.
 */
export function fill(text: string, values: Record<string, unknown>): string {
  let render = compiled.get(text);
  if (!render) {
    render = Handlebars.compile(text, { noEscape: true, strict: true });
    compiled.set(text, render);
  }
  return render(values);
}
