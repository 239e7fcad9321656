/**
 * A lender's integration, written against the OpenAPI document alone: the types come from
 * `npx openapi-typescript <service>/docs-json -o lender-api.d.ts` (`npm run
 * docs:lender-api-types` here), the calls go through openapi-fetch. No casts, no `any`,
 * no `!`: if the document and this code disagree, `tsc --strict` says so. The end-to-end
 * test test/e2e/openapi-document.e2e-spec.ts generates the types from the running service,
 * compiles this file with them, and runs it against the service.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { components, paths } from './lender-api';

export type Case = components['schemas']['CaseResponse'];
export type Agreement = components['schemas']['AgreementResponse'];
export type WebhookEvent = components['schemas']['WebhookEvent'];
export type LenderClient = ReturnType<typeof lenderClient>;

/** A client acting as the lender organisation through its API key. */
export function lenderClient(baseUrl: string, apiKey: string) {
  return createClient<paths>({ baseUrl, headers: { 'X-API-Key': apiKey } });
}

/** Fails with the service's own error body (`{ statusCode, code, message }`). */
class MediationError extends Error {
  constructor(readonly body: components['schemas']['ErrorResponse']) {
    super(`${body.statusCode} ${body.code}: ${body.message}`);
  }
}

/** Every case waiting for our answer, the soonest deadline first. */
export async function casesAwaitingAnswer(client: LenderClient): Promise<Case[]> {
  const cases: Case[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET('/api/v1/cases', {
      params: { query: { status: 'lender_notified', limit: 100, cursor } },
    });
    if (error) throw new MediationError(error);
    cases.push(...data.items);
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  const due = (c: Case) => c.lenderResponseDueAt ?? '';
  return cases.sort((a, b) => due(a).localeCompare(due(b)));
}

/** The debt as our books state it: what the agreement's settlement and waiver must add up to. */
export type DebtStatement = components['schemas']['DebtStatementDto'];

/** Fen from a yuan string (`"8000.00"`): money is never a floating-point number here. */
const fen = (yuan: string) => {
  const [whole, part = ''] = yuan.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
};
const yuan = (f: number) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;

/**
 * Agree to mediate, stating the debt we confirm (required) and a counter-proposal: settle
 * for 80 % of that debt, waive the rest, over as many installments as the borrower asked.
 * `If-Match` makes it refused (412) if the case changed since we read it; the
 * `Idempotency-Key` makes a retry safe.
 */
export async function answerWithCounterProposal(
  client: LenderClient,
  c: Case,
  debt: DebtStatement,
): Promise<Case> {
  const total = [debt.principal, debt.interest, debt.penaltyInterest, debt.fees]
    .map(fen)
    .reduce((a, b) => a + b, 0);
  const settlement = Math.round(total * 0.8);
  const { data, error } = await client.POST('/api/v1/cases/{id}/actions/lender_accept', {
    params: {
      path: { id: c.id },
      header: { 'If-Match': String(c.version), 'Idempotency-Key': `answer-${c.id}` },
    },
    body: {
      debtStatement: debt,
      counterProposal: {
        settlementAmount: yuan(settlement),
        installments: c.proposal.installments,
        waivedAmount: yuan(total - settlement),
        note: '同意调解，可减免罚息',
      },
    },
  });
  if (error) throw new MediationError(error);
  return data;
}

/** True when `header` (X-Mediation-Signature) signs `rawBody` with `secret`, within 5 minutes. */
export function verifyMediationSignature(
  rawBody: string,
  header: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  const fields = new Map(
    header.split(',').map((kv): [string, string] => {
      const at = kv.indexOf('=');
      return [kv.slice(0, at), kv.slice(at + 1)];
    }),
  );
  const t = Number(fields.get('t'));
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(fields.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isWebhookEvent = (v: unknown): v is WebhookEvent =>
  typeof v === 'object' &&
  v !== null &&
  typeof Reflect.get(v, 'id') === 'string' &&
  typeof Reflect.get(v, 'type') === 'string' &&
  typeof Reflect.get(v, 'case') === 'object';

/** A webhook's body once its signature is checked; null when it is not ours. */
export function readWebhook(rawBody: string, header: string, secret: string): WebhookEvent | null {
  if (!verifyMediationSignature(rawBody, header, secret)) return null;
  const body: unknown = JSON.parse(rawBody);
  return isWebhookEvent(body) ? body : null;
}

/**
 * Read the agreement, archive its PDF after checking the bytes are the ones it names, and
 * sign that very version: a revision in between makes the service refuse (409).
 */
export async function fetchAndSignAgreement(
  client: LenderClient,
  caseId: string,
): Promise<{ agreement: Agreement; pdf: Buffer; signed: Case }> {
  const path = { id: caseId };
  const read = await client.GET('/api/v1/cases/{id}/agreement', { params: { path } });
  if (read.error) throw new MediationError(read.error);
  const agreement = read.data;
  const file = await client.GET('/api/v1/cases/{id}/agreement/pdf', {
    params: { path },
    parseAs: 'arrayBuffer',
  });
  if (file.error) throw new MediationError(file.error);
  const pdf = Buffer.from(file.data);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  if (sha256 !== agreement.sha256 || file.response.headers.get('X-Content-SHA256') !== sha256) {
    throw new Error(`the PDF of case ${caseId} is not the agreement it was said to be`);
  }
  const sign = await client.POST('/api/v1/cases/{id}/actions/sign_agreement', {
    params: { path, header: { 'Idempotency-Key': `sign-${caseId}-${agreement.version}` } },
    body: { version: agreement.version, sha256: agreement.draftSha256, confirm: true },
  });
  if (sign.error) throw new MediationError(sign.error);
  return { agreement, pdf, signed: sign.data };
}
