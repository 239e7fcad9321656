/** The words of the document's `info` and its tags. */

export const API_DESCRIPTION = `Case management for pre-litigation mediation (诉前调解) of overdue consumer-installment debt.

**Authentication**: \`Authorization: Bearer <JWT>\` from \`POST /api/v1/auth/login\`, or, for a lender's back-office system, \`X-API-Key: <key>\` issued by an admin. Each operation says who may call it; a public one has \`security: []\`.

**Errors** are always \`{ statusCode, code, message }\` as JSON, whatever the success answer is; validation errors add \`errors: [{ field, message }]\`; a refused transition (409 \`INVALID_TRANSITION\`) adds \`currentStatus\` and \`allowedActions\`. Each operation lists the codes it can answer, with an example of each. A case you may not see answers 404. While the database cannot be reached every route answers 503 \`SERVICE_UNAVAILABLE\` with \`Retry-After\` (never 401: a valid credential stays valid); try again then.

**Input**: strings may not hold control characters or lone surrogates; only free-text fields (reasons, notes, minutes, clauses, addresses) may hold line breaks and tabs. Bodies nest at most 32 levels; keys \`__proto__\`, \`constructor\` and \`prototype\` are refused like unknown fields. JSON bodies are limited to 64 KB (512 KB for actions). Names are trimmed and may not be blank. Uploads are one file, in the field \`file\`; images at most 10,000 px a side and 40 megapixels.

**Caching**: every response under \`/api\` says \`Cache-Control: no-store\`.

**Money** is a decimal string in yuan with two decimals (\`"8000.00"\`), never a JSON number. Dates are \`YYYY-MM-DD\`; instants ISO 8601 with offset.

**Lists** take \`limit\` (1–100, default 20) and \`cursor\`, and answer \`{ items, nextCursor }\`.

**Actions**: the workflow is one table; every action has its own operation (\`POST /api/v1/cases/{id}/actions/lender_accept\` …, tag \`actions\`) with its own body, generated from the table, and \`POST /api/v1/cases/{id}/actions/{action}\` takes any of them.

**Idempotency**: send \`Idempotency-Key\` on \`POST /cases\` and on actions; a retry with the same key and body answers the first answer again, the same key with another body answers 422.

**Concurrency**: \`GET /cases/{id}\` answers an \`ETag\`; send it (or the case's \`version\`) as \`If-Match\` on an action to have it refused with 412 if the case changed since you read it.

**Examples** in this document were recorded from a real run of the service's end-to-end tests.

**Lenders**: the \`cases\` and \`actions\` routes with an API key, and the \`webhooks\` tag for signed event delivery; the whole flow with real exchanges, and a small typed client (\`docs/examples/lender-client.ts\`), are in the repository's \`docs/lender-integration.md\`.`;

/** The service is not published under an open licence: its API is for the centre's parties. */
export const LICENSE_NAME =
  'Proprietary: for the mediation centre operating this service and the lenders it connects';

/** Every tag an operation may carry, with what it groups. */
export const TAGS: Record<string, string> = {
  auth: 'Sign-up (borrowers), sign-in and the caller’s own account',
  users: 'Staff accounts (admin) and the mediators a clerk assigns',
  accounts:
    'Your own password; an admin deactivates, reactivates and resets accounts (tokens end at once)',
  rights:
    'A borrower’s rights over their data: download it, correct it, withdraw a consent, close the account',
  complaints:
    'The complaint channel: any party files; clerks handle; a lender answers a conduct complaint',
  organizations:
    'Mediation centres and lenders; the API keys of lenders (admin). A lender sees the centres and itself.',
  cases: 'Filing an application, reading cases and their timeline',
  actions:
    'The workflow: one operation per action of the transition table, each with its own input; the generic form takes any',
  webhooks:
    'Signed deliveries of every transition of a lender’s cases to its back office; lenders manage their own',
  agreements:
    'The settlement agreement: terms, schedule, signatures, the sealed PDF, the print queue',
  plans:
    'After settlement: the repayment plan, the lender’s payments (one, or a file of many), the 结清证明',
  judicial:
    'After settlement: the 司法确认 hand-off — ask, both parties join, the application and the packet for the court, the 30-day deadline, the clerk’s record of the outcome',
  verification:
    'Public checks of a sealed agreement or a settlement certificate by its code or its bytes',
  evidence: 'The borrower’s uploads (PDF, JPEG, PNG)',
  sessions: 'Mediation sessions and the mediators’ calendars',
  notifications: 'The caller’s in-app notifications',
  admin: 'The mail outbox (failures and retries) and the access log of personal-data reads (admin)',
  calendar: 'The official holiday calendar the deadlines are counted on (admin)',
  stats: 'The centre’s statistics per month: outcomes, rates and times (clerks and admins)',
};
