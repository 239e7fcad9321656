import { ACTION_ROUTES } from './authorization-actions';
import { AFTER_SETTLEMENT_ROUTES } from './authorization-after-settlement';
import {
  ALL_KINDS,
  CASE_PARTIES,
  EVERYONE,
  gate,
  LENDER_ORG,
  open,
  PEOPLE,
} from './authorization-expect';
import type { RouteEntry } from './authorization-expect';

const soon = (h: number) => new Date(Date.now() + 30 * 86_400_000 + h * 3_600_000).toISOString();
const ADMIN = gate(['admin'], ['admin'], 200);
const CLERKS = gate(['clerk'], ['clerkOwn', 'clerkOther'], 200);
const MEDIATORS = gate(['mediator'], ['mediatorAssigned', 'mediatorOther'], 200);
const BORROWERS = (ok: number) => gate(['borrower'], ['borrowerOwn', 'borrowerOther'], ok);
const ANYONE = gate(ALL_KINDS, EVERYONE, 200);
const CASE_READ = gate(ALL_KINDS, CASE_PARTIES, 200);
const terms = {
  settlementAmount: '8000.00',
  installments: 12,
  firstDueDate: '2027-03-01',
  waivedAmount: '1650.40',
};

/**
 * Every route of the API and the answer each caller gets, declared by hand from api.md and
 * workflow.md (never read from the code under test). Paths are under /api/v1; objects are
 * world 1's unless named.
 */
export const TABLE: Record<string, RouteEntry> = {
  'POST /auth/register': { path: () => '/auth/register', body: () => ({}), expect: open(400) },
  'POST /auth/login': { path: () => '/auth/login', body: () => ({}), expect: open(400) },
  'GET /auth/me': { path: () => '/auth/me', expect: ANYONE },
  'POST /auth/password': {
    path: () => '/auth/password',
    body: () => ({ currentPassword: 'not-the-password-1', newPassword: 'a-new-password-12' }),
    expect: gate(PEOPLE, EVERYONE, 400),
  },
  'POST /admin/users/{id}/deactivate': {
    path: (o) => `/admin/users/${o.spareUser}/deactivate`,
    expect: ADMIN,
  },
  'POST /admin/users/{id}/reactivate': {
    path: (o) => `/admin/users/${o.spareUser}/reactivate`,
    expect: ADMIN,
  },
  'POST /admin/users/{id}/password': {
    path: (o) => `/admin/users/${o.spareUser}/password`,
    body: () => ({ password: 'a-reset-password-12' }),
    expect: ADMIN,
  },
  'GET /admin/users': { path: () => '/admin/users', expect: ADMIN },
  'POST /users': {
    path: () => '/users',
    body: () => ({}),
    expect: gate(['admin'], ['admin'], 400),
  },
  'GET /mediators': { path: () => '/mediators', expect: CLERKS },
  'POST /organizations': {
    path: () => '/organizations',
    body: () => ({}),
    expect: gate(['admin'], ['admin'], 400),
  },
  'GET /organizations': { path: () => '/organizations', expect: ANYONE },
  'PATCH /organizations/{id}': {
    path: (o) => `/organizations/${o.lender}`,
    body: () => ({}),
    expect: ADMIN,
  },
  'POST /organizations/{id}/api-keys': {
    path: (o) => `/organizations/${o.lender}/api-keys`,
    body: () => ({ name: 'reconciliation' }),
    expect: gate(['admin'], ['admin'], 201),
  },
  'GET /organizations/{id}/api-keys': {
    path: (o) => `/organizations/${o.lender}/api-keys`,
    expect: ADMIN,
  },
  'DELETE /organizations/{id}/api-keys/{keyId}': {
    path: (o) => `/organizations/${o.lender}/api-keys/${o.spareApiKey}`,
    expect: gate(['admin'], ['admin'], 204),
  },
  'GET /privacy-notice': { path: () => '/privacy-notice', expect: open(200) },
  'POST /cases': { path: () => '/cases', body: () => ({}), expect: BORROWERS(400) },
  'GET /cases': { path: () => '/cases', expect: ANYONE },
  'GET /cases/{id}': { path: (o) => `/cases/${o.settled}`, expect: CASE_READ },
  'GET /cases/{id}/events': { path: (o) => `/cases/${o.settled}/events`, expect: CASE_READ },
  'GET /admin/access-log': { path: () => '/admin/access-log', expect: ADMIN },
  // Before the registrations: an organisation keeps at most five webhooks.
  'DELETE /organizations/{id}/webhooks/{webhookId}': {
    path: (o, c) => `/organizations/${o.lender}/webhooks/${o.spareWebhooks[c] ?? o.webhook}`,
    expect: gate(['admin', 'lender', 'key'], LENDER_ORG, 204),
  },
  'POST /organizations/{id}/webhooks': {
    path: (o) => `/organizations/${o.lender}/webhooks`,
    body: () => ({ url: 'http://127.0.0.1:9/another' }),
    expect: gate(['admin', 'lender', 'key'], LENDER_ORG, 201),
  },
  'GET /organizations/{id}/webhooks': {
    path: (o) => `/organizations/${o.lender}/webhooks`,
    expect: gate(['admin', 'lender', 'key'], LENDER_ORG, 200),
  },
  'GET /organizations/{id}/webhooks/{webhookId}/deliveries': {
    path: (o) => `/organizations/${o.lender}/webhooks/${o.webhook}/deliveries`,
    expect: gate(['admin', 'lender', 'key'], LENDER_ORG, 200),
  },
  'POST /webhook-deliveries/{id}/retry': {
    path: (o) => `/webhook-deliveries/${o.missing}/retry`,
    expect: gate(['admin'], [], 404),
  },
  'GET /cases/{id}/agreement': { path: (o) => `/cases/${o.settled}/agreement`, expect: CASE_READ },
  'GET /cases/{id}/agreement/pdf': {
    path: (o) => `/cases/${o.settled}/agreement/pdf`,
    expect: gate(['borrower', 'lender', 'key', 'mediator', 'clerk'], CASE_PARTIES, 200),
  },
  'GET /agreements/print-queue': { path: () => '/agreements/print-queue', expect: CLERKS },
  'GET /verify/{code}': { path: () => '/verify/NOSUCHCODE', expect: open(404) },
  'POST /verify': { path: () => '/verify', expect: open(415) },
  'GET /agreements/prints': { path: () => '/agreements/prints', expect: CLERKS },
  'POST /cases/{id}/agreement/schedule-preview': {
    path: (o) => `/cases/${o.settled}/agreement/schedule-preview`,
    body: () => terms,
    expect: gate(['mediator'], ['mediatorAssigned'], 200),
  },
  'POST /cases/{id}/evidence': {
    path: (o) => `/cases/${o.open}/evidence`,
    file: true,
    expect: gate(['borrower', 'clerk'], CASE_PARTIES, 201),
  },
  'GET /cases/{id}/evidence': { path: (o) => `/cases/${o.open}/evidence`, expect: CASE_READ },
  'GET /cases/{id}/evidence/{evidenceId}': {
    path: (o) => `/cases/${o.open}/evidence/${o.evidence}`,
    expect: CASE_READ,
  },
  'GET /notifications': { path: () => '/notifications', expect: ANYONE },
  'GET /notifications/unread-count': { path: () => '/notifications/unread-count', expect: ANYONE },
  'POST /notifications/read-all': { path: () => '/notifications/read-all', expect: ANYONE },
  'POST /notifications/{id}/read': {
    path: (o) => `/notifications/${o.notification}/read`,
    expect: gate(ALL_KINDS, ['borrowerOwn'], 200),
  },
  'GET /admin/mail': { path: () => '/admin/mail', expect: ADMIN },
  'POST /admin/mail/retry-dead': { path: () => '/admin/mail/retry-dead', expect: ADMIN },
  'POST /admin/mail/{id}/retry': {
    path: (o) => `/admin/mail/${o.mail}/retry`,
    expect: ADMIN,
  },
  'GET /postal-tasks': { path: () => '/postal-tasks', expect: CLERKS },
  'POST /postal-tasks/{id}/done': {
    path: (o) => `/postal-tasks/${o.missing}/done`,
    body: () => ({ trackingNumber: 'SF1234567890' }),
    expect: gate(['clerk'], [], 404),
  },
  'GET /cases/{id}/sessions': { path: (o) => `/cases/${o.settled}/sessions`, expect: CASE_READ },
  'GET /mediators/me/sessions': { path: () => '/mediators/me/sessions', expect: MEDIATORS },
  'GET /mediators/{mediatorId}/sessions': {
    path: (o) => `/mediators/${o.mediator}/sessions`,
    expect: gate(['clerk'], ['clerkOwn'], 200),
  },
  'GET /cases/{id}/sessions/{sessionId}/invite.ics': {
    path: (o) => `/cases/${o.settled}/sessions/${o.session}/invite.ics`,
    expect: CASE_READ,
  },
  'GET /mediators/workload': { path: () => '/mediators/workload', expect: CLERKS },
  'GET /mediators/me/slot-check': {
    path: () =>
      `/mediators/me/slot-check?startsAt=${encodeURIComponent(soon(0))}&endsAt=${encodeURIComponent(soon(1))}`,
    expect: MEDIATORS,
  },
  'GET /admin/calendar': { path: () => '/admin/calendar', expect: ADMIN },
  'GET /admin/calendar/{year}': { path: () => '/admin/calendar/2026', expect: ADMIN },
  'PUT /admin/calendar/{year}': {
    path: () => '/admin/calendar/2026',
    body: () => ({}),
    expect: gate(['admin'], ['admin'], 400),
  },
  'GET /stats': { path: () => '/stats', expect: gate(['clerk', 'admin'], EVERYONE, 200) },
  'GET /me/data': { path: () => '/me/data', expect: BORROWERS(200) },
  'GET /me/rights-requests': { path: () => '/me/rights-requests', expect: BORROWERS(200) },
  'PATCH /me/contact': { path: () => '/me/contact', body: () => ({}), expect: BORROWERS(400) },
  'DELETE /me': { path: () => '/me', body: () => ({ confirm: false }), expect: BORROWERS(400) },
  'POST /me/privacy-notice/accept': {
    path: () => '/me/privacy-notice/accept',
    body: () => ({ version: '2026-12-01' }),
    expect: BORROWERS(204),
  },
  'GET /cases/{id}/consents': {
    path: (o) => `/cases/${o.settled}/consents`,
    expect: gate(['borrower'], ['borrowerOwn'], 200),
  },
  'GET /cases/{id}/service-addresses': {
    path: (o) => `/cases/${o.settled}/service-addresses`,
    expect: gate(['borrower'], ['borrowerOwn'], 200),
  },
  'POST /cases/{id}/consents/{kind}/withdraw': {
    path: (o) => `/cases/${o.settled}/consents/shareWithLender/withdraw`,
    body: () => ({ confirm: true }),
    expect: gate(['borrower'], ['borrowerOwn'], 200),
  },
  'POST /complaints': {
    path: () => '/complaints',
    body: (o) => ({ caseId: o.settled, category: 'process', description: '调解员迟到了' }),
    // A complaint is a person's: a key is refused whatever the case.
    expect: gate(PEOPLE, CASE_PARTIES, 201),
  },
  'GET /complaints': { path: () => '/complaints', expect: ANYONE },
  'GET /complaints/{id}': {
    path: (o) => `/complaints/${o.complaint}`,
    // The complainant, the centre's clerks, the lender for a conduct complaint; not an admin.
    expect: gate(ALL_KINDS, ['borrowerOwn', 'clerkOwn', 'lenderOwn', 'keyOwn'], 200),
  },
  'POST /complaints/{id}/take-up': {
    path: (o) => `/complaints/${o.complaint}/take-up`,
    expect: gate(['clerk'], ['clerkOwn'], 200),
  },
  'POST /complaints/{id}/answer': {
    path: (o) => `/complaints/${o.complaint}/answer`,
    body: () => ({ answer: '已核实，手续费将退还' }),
    expect: gate(['clerk'], ['clerkOwn'], 200),
  },
  'POST /complaints/{id}/lender-answer': {
    path: (o) => `/complaints/${o.complaint}/lender-answer`,
    body: () => ({ answer: '已退还多收的手续费' }),
    // The key speaks for the same lender, which has answered by then.
    expect: gate(['lender', 'key'], ['lenderOwn', 'keyOwn'], { keyOwn: 409 }),
    sequel: ['keyOwn'],
  },
  ...AFTER_SETTLEMENT_ROUTES,
  ...ACTION_ROUTES,
};
