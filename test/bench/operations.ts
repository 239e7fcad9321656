import { Client } from 'pg';
import { encodeCursor } from '../../src/common/pagination';
import type { AgreementCase } from './agreement-seed';
import type { Fixtures, Person } from './fixtures';
import type { LoadRequest } from './load-runner';

/**
 * What the bench measures: each operation is what one kind of user does, as the request
 * sequence each autocannon connection repeats. Connection k acts as the k-th person of the
 * role, so the caches see many users, not one.
 */
export interface Operation {
  key: string;
  label: string;
  /** The bare handler serves it too: measured side by side and checked for the same answer. */
  twin: boolean;
  /** A route that may not exist yet: a 404 prints "not available" and skips it. */
  slot?: boolean;
  /** Captured and explained for docs/performance.md. */
  explain: boolean;
  /** Measured under load (false: only captured, e.g. list filters). */
  load: boolean;
  /** The sequences for one pass (the transition picks fresh cases each pass). */
  sequences(pass: number): Promise<LoadRequest[][]>;
  /** Puts back what a pass changed (cases left in needs_info). */
  afterPass?(): Promise<void>;
}

const get = (path: string, headers: Record<string, string>): LoadRequest => ({
  method: 'GET',
  path,
  headers,
});
const each = <T>(items: T[], n: number) =>
  Array.from({ length: n }, (_, k) => items[k % items.length]);
/** The same requests every pass, built when first asked for. */
const fixed = (build: () => LoadRequest[][]) => async () => build();

export interface OperationContext {
  f: Fixtures;
  db: Client;
  connections: number;
  agreements: AgreementCase[];
  /** Sends one action through the service (used to put cases back after a pass). */
  act(who: Person, caseId: string, action: string, body: object): Promise<number>;
}

function list(
  key: string,
  label: string,
  headers: Record<string, string>[],
  n: number,
  query = '',
): Operation {
  return {
    key: `list.${key}`,
    label: `case list, first page — ${label}`,
    twin: true,
    explain: true,
    load: true,
    sequences: fixed(() => each(headers, n).map((h) => [get(`/api/v1/cases${query}`, h)])),
  };
}

/** A filter only captured for its plan (the docs show every shape of the list query). */
function listPlan(key: string, label: string, who: Person, query: string): Operation {
  return {
    ...list(key, label, [who.headers], 1, query),
    twin: false,
    load: false,
    label: `case list — ${label}`,
  };
}

function transition(c: OperationContext): Operation {
  let cases: { id: string; borrower_id: string; mediation_center_id: string }[] = [];
  const clerkOf = (centre: string, k: number) => {
    const ofCentre = c.f.clerks.filter((p) => p.org === centre);
    return ofCentre[k % ofCentre.length];
  };
  return {
    key: 'transition',
    label: 'transition round trip (request_info as clerk / resubmit as borrower)',
    twin: false,
    explain: false,
    load: true,
    async sequences() {
      // Fresh cases each pass, drawn from the ~1,400 that a steady flow keeps in `submitted`.
      cases = (
        await c.db.query(
          `SELECT id, borrower_id, mediation_center_id FROM cases WHERE status = 'submitted' ORDER BY random() LIMIT $1`,
          [c.connections],
        )
      ).rows;
      if (cases.length < c.connections) throw new Error(`only ${cases.length} cases in submitted`);
      return cases.map((row, k) => {
        const borrower = c.f.person(row.borrower_id, 'borrower', null);
        const json = { 'content-type': 'application/json' };
        return [
          {
            method: 'POST',
            path: `/api/v1/cases/${row.id}/actions/request_info`,
            headers: { ...clerkOf(row.mediation_center_id, k).headers, ...json },
            body: JSON.stringify({ message: '请补充近三个月的收入证明（基准测试）' }),
          },
          {
            method: 'POST',
            path: `/api/v1/cases/${row.id}/actions/resubmit`,
            headers: { ...borrower.headers, ...json },
            body: JSON.stringify({ note: '已补充收入证明（基准测试）' }),
          },
        ];
      });
    },
    async afterPass() {
      // Requests still in flight when autocannon stopped finish on their own: let them.
      await new Promise((r) => setTimeout(r, 1000));
      const ids = cases.map((r) => r.id);
      for (let round = 0; round < 3; round++) {
        const left = await c.db.query<{ id: string; borrower_id: string }>(
          `SELECT id, borrower_id FROM cases WHERE id = ANY($1::uuid[]) AND status = 'needs_info'`,
          [ids],
        );
        if (left.rowCount === 0) return;
        for (const r of left.rows) {
          await c.act(c.f.person(r.borrower_id, 'borrower', null), r.id, 'resubmit', {
            note: '基准测试复原',
          });
        }
      }
      throw new Error('could not put the transition cases back into submitted');
    },
  };
}

export function operations(c: OperationContext): Operation[] {
  const { f, connections: n } = c;
  const reads = f.readCases;
  const clerk = f.clerks[0];
  return [
    list(
      'borrower',
      'borrower (own cases)',
      f.borrowers.map((p) => p.headers),
      n,
    ),
    list(
      'lender-jwt',
      'lender by JWT',
      f.reps.map((p) => p.headers),
      n,
    ),
    list('lender-key', 'lender by API key', f.apiKeys, n),
    list(
      'mediator',
      'mediator (assigned)',
      f.mediators.map((p) => p.headers),
      n,
    ),
    list(
      'clerk',
      'clerk (the centre’s queue)',
      f.clerks.map((p) => p.headers),
      n,
    ),
    list('admin', 'admin (everything)', [f.admin.headers], n),
    {
      key: 'read.lender',
      label: 'one case by id — lender',
      twin: true,
      explain: true,
      load: true,
      sequences: fixed(() =>
        each(reads, n).map((r) => [get(`/api/v1/cases/${r.id}`, r.reader.headers)]),
      ),
    },
    {
      key: 'timeline.lender',
      label: 'timeline — lender',
      twin: false,
      explain: true,
      load: true,
      sequences: fixed(() =>
        each(reads, n).map((r) => [get(`/api/v1/cases/${r.id}/events`, r.reader.headers)]),
      ),
    },
    transition(c),
    {
      key: 'pdf.borrower',
      label: 'agreement PDF, 12 installments — borrower',
      twin: false,
      explain: false,
      load: true,
      sequences: fixed(() =>
        each(c.agreements, n).map((a) => [
          get(
            `/api/v1/cases/${a.id}/agreement/pdf`,
            f.person(a.borrowerId, 'borrower', null).headers,
          ),
        ]),
      ),
    },
    {
      key: 'page.list',
      label: 'the borrower’s case list page /cases',
      twin: false,
      slot: true,
      explain: false,
      load: true,
      sequences: fixed(() => each(f.borrowers, n).map((p) => [get('/cases', f.pageCookie(p.id))])),
    },
    {
      key: 'page.case',
      label: 'the borrower’s case page /cases/:id',
      twin: false,
      slot: true,
      explain: false,
      load: true,
      sequences: fixed(() => each([f.borrowerCase], n).map((b) => [get(`/cases/${b.id}`, b.page)])),
    },
    {
      // After settlement: the agreement, its 12 installments, the 司法确认 clock and the forms.
      key: 'page.settled',
      label: 'the borrower’s case page /cases/:id, settled with a 12-installment plan',
      twin: false,
      slot: true,
      explain: false,
      load: true,
      sequences: fixed(() =>
        each(c.agreements, n).map((a) => [get(`/cases/${a.id}`, f.pageCookie(a.borrowerId))]),
      ),
    },
    {
      key: 'page.stats',
      label: 'statistics page /stats — clerk',
      twin: false,
      slot: true,
      explain: false,
      load: true,
      sequences: fixed(() => each(f.clerks, n).map((p) => [get('/stats', f.pageCookie(p.id))])),
    },
    {
      // The same figures as the page, as JSON: the snapshot's cost without the rendering.
      key: 'api.stats',
      label: 'statistics GET /api/v1/stats — clerk',
      twin: false,
      explain: false,
      load: true,
      sequences: fixed(() => each(f.clerks, n).map((p) => [get('/api/v1/stats', p.headers)])),
    },
    listPlan('clerk-status', 'clerk, status = awaiting_session', clerk, '?status=awaiting_session'),
    listPlan(
      'clerk-number',
      'clerk, q = a case number',
      clerk,
      `?q=${encodeURIComponent(f.sample.caseNumber)}`,
    ),
    listPlan('clerk-name', 'clerk, q = start of a name', clerk, `?q=${encodeURIComponent('王伟')}`),
    listPlan(
      'clerk-page2',
      'clerk, a later page (cursor)',
      clerk,
      `?cursor=${encodeCursor(new Date(Date.now() - 30 * 864e5), 'ffffffff-ffff-4fff-bfff-ffffffffffff')}`,
    ),
    listPlan(
      'lender-contract',
      'lender, contractNumber',
      f.sample.reader,
      `?contractNumber=${encodeURIComponent(f.sample.contractNumber)}`,
    ),
    listPlan(
      'lender-due',
      'lender, answerDueBefore',
      f.sample.reader,
      `?answerDueBefore=${encodeURIComponent(new Date(Date.now() + 7 * 864e5).toISOString())}`,
    ),
  ];
}
