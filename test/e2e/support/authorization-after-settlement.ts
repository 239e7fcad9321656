import { CASE_PARTIES, gate, open } from './authorization-expect';
import type { RouteEntry } from './authorization-expect';
import type { Caller, Kind } from './authorization-world';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const ALL: Kind[] = ['borrower', 'clerk', 'mediator', 'lender', 'admin', 'key'];
const CASE_READ = gate(ALL, CASE_PARTIES, 200);
const LENDER_OF_CASE = (ok: number | Partial<Record<Caller, number>>) =>
  gate(['lender', 'key'], ['lenderOwn', 'keyOwn'], ok);
const PARTIES_OF_CASE = (ok: number | Partial<Record<Caller, number>>) =>
  gate(['borrower', 'lender', 'key'], ['borrowerOwn', 'lenderOwn', 'keyOwn'], ok);
/** The parties and the centre's staff of the case; not an admin. */
const FILE_READERS = gate(
  ['borrower', 'clerk', 'mediator', 'lender', 'key'],
  CASE_PARTIES.filter((c) => c !== 'admin'),
  200,
);

/**
 * After settlement (issue 16): the plan, payments, the lender's acts and the 司法确认 hand-off,
 * on world 1's settled case A. Entries run in this order: the ask comes before the joins, and
 * both joins before the clerk's outcome.
 */
export const AFTER_SETTLEMENT_ROUTES: Record<string, RouteEntry> = {
  'GET /cases/{id}/plan': { path: (o) => `/cases/${o.settled}/plan`, expect: CASE_READ },
  'POST /cases/{id}/payments': {
    path: (o) => `/cases/${o.settled}/payments`,
    body: (_, c: Caller) => ({ amount: '100.00', paidOn: today(), reference: `PAY-${c}` }),
    expect: gate(['lender', 'key'], ['lenderOwn', 'keyOwn'], 201),
  },
  'POST /payments/import': {
    path: () => '/payments/import',
    body: (o, c) => ({
      payments: [
        { case: o.settledNumber, reference: `IMP-${c}`, amount: '50.00', paidOn: today() },
      ],
    }),
    // Another lender's file about case A: refused row by row, nothing applied.
    expect: gate(['lender', 'key'], ['lenderOwn', 'keyOwn', 'lenderOther', 'keyOther'], {
      lenderOther: 400,
      keyOther: 400,
    }),
  },
  'GET /cases/{id}/plan/certificate': {
    path: (o) => `/cases/${o.paid}/plan/certificate`,
    expect: CASE_READ,
  },
  'POST /verify/settlement-certificate': {
    path: () => '/verify/settlement-certificate',
    expect: open(415),
  },
  // Only the borrower reports; the parties and the centre's staff read the reports; only the
  // case's lender answers one. The table's upload carries no amount: the borrower's is a 400,
  // anyone else's a 404 before the form is read.
  'POST /cases/{id}/plan/payment-reports': {
    path: (o) => `/cases/${o.settled}/plan/payment-reports`,
    file: true,
    expect: gate(ALL, ['borrowerOwn'], 400),
  },
  'GET /cases/{id}/plan/payment-reports': {
    path: (o) => `/cases/${o.settled}/plan/payment-reports`,
    expect: gate(ALL, CASE_PARTIES, 200),
  },
  'GET /cases/{id}/plan/payment-reports/{reportId}/proof': {
    path: (o) => `/cases/${o.settled}/plan/payment-reports/${o.report}/proof`,
    expect: gate(ALL, CASE_PARTIES, 200),
  },
  // The lender confirms (the key's second confirmation replays it); a decided one is not disputed.
  'POST /cases/{id}/plan/payment-reports/{reportId}/confirm': {
    path: (o) => `/cases/${o.settled}/plan/payment-reports/${o.report}/confirm`,
    expect: gate(ALL, ['lenderOwn', 'keyOwn'], 200),
  },
  'POST /cases/{id}/plan/payment-reports/{reportId}/dispute': {
    path: (o) => `/cases/${o.settled}/plan/payment-reports/${o.report}/dispute`,
    body: () => ({ reason: '未收到该笔款项' }),
    expect: gate(ALL, ['lenderOwn', 'keyOwn'], 409),
    sequel: ['lenderOwn', 'keyOwn'],
  },
  // No installment of case A is late, and its plan is not completed: the lender's acts wait.
  'POST /cases/{id}/plan/acceleration': {
    path: (o) => `/cases/${o.settled}/plan/acceleration`,
    body: () => ({}),
    expect: LENDER_OF_CASE(409),
  },
  'POST /cases/{id}/plan/confirm-completion': {
    path: (o) => `/cases/${o.settled}/plan/confirm-completion`,
    expect: LENDER_OF_CASE(409),
  },
  // The lender waives installment 6 of case A (nothing paid on it); the key's waiver comes second.
  'POST /cases/{id}/plan/installments/{seq}/waive': {
    path: (o) => `/cases/${o.settled}/plan/installments/6/waive`,
    body: () => ({ reason: '经协商减免第 6 期' }),
    expect: LENDER_OF_CASE({ lenderOwn: 201, keyOwn: 409 }),
    sequel: ['keyOwn'],
  },
  // The borrower asks first (201); the lender's ask then answers the same request (200).
  'POST /cases/{id}/judicial-confirmation': {
    path: (o) => `/cases/${o.settled}/judicial-confirmation`,
    expect: PARTIES_OF_CASE({ borrowerOwn: 201, lenderOwn: 200, keyOwn: 200 }),
  },
  'GET /cases/{id}/judicial-confirmation': {
    path: (o) => `/cases/${o.settled}/judicial-confirmation`,
    expect: CASE_READ,
  },
  'POST /cases/{id}/judicial-confirmation/join': {
    path: (o) => `/cases/${o.settled}/judicial-confirmation/join`,
    expect: PARTIES_OF_CASE(200),
  },
  'POST /cases/{id}/judicial-confirmation/outcome': {
    path: (o) => `/cases/${o.settled}/judicial-confirmation/outcome`,
    body: () => ({ outcome: 'applied' }),
    expect: gate(['clerk'], ['clerkOwn'], 200),
  },
  'GET /cases/{id}/judicial-confirmation/application.pdf': {
    path: (o) => `/cases/${o.settled}/judicial-confirmation/application.pdf`,
    expect: FILE_READERS,
  },
  'GET /cases/{id}/judicial-confirmation/packet.zip': {
    path: (o) => `/cases/${o.settled}/judicial-confirmation/packet.zip`,
    expect: FILE_READERS,
  },
};
