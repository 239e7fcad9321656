import type { Principal } from '../access/principal';
import type { Organization } from '../organizations/organization.entity';
import type { User } from '../users/user.entity';
import { CaseRecord } from './case.entity';
import type { Cursor } from '../common/pagination';
import type { CaseStatus } from '../workflow/states';
import { caseVisibility, parameters } from './case-visibility';
import { deadlineFromJson } from './case-deadline.repository';

/** `newest` first (the default), or the caller's `queue`: what waits on them first. */
export const CASE_LIST_ORDERS = ['newest', 'queue'] as const;
export type CaseListOrder = (typeof CASE_LIST_ORDERS)[number];

/** A position in the queue order: the row's rank (0 waits on the caller), its key, its id. */
export interface QueuePosition {
  rank: number;
  at: Date;
  id: string;
}

export interface CaseListFilter {
  status?: CaseStatus;
  lenderOrganizationId?: string;
  /** Filed at or after / before these instants. */
  filedFrom?: Date;
  filedBefore?: Date;
  order?: CaseListOrder;
  /** After this position, in the queue order. */
  afterQueue?: QueuePosition;
  /** A case number, or the start of the borrower's name. */
  q?: string;
  /** Lender filters. */
  lenderResponseDueBefore?: Date;
  contractNumber?: string;
  limit: number;
  /** After this (createdAt, id), newest first. */
  after?: Cursor;
}

/**
 * The case list as plain SQL: what the list shows and nothing more, one
 * round trip, rows mapped by hand (TypeORM's hydration of four joined
 * entities cost more than the query itself). Readable with EXPLAIN.
 */
const COLUMNS = `
SELECT c.id, c.case_number, c.status, c.closure_reason,
       c.borrower_id, c.borrower_name, b.phone AS borrower_phone, b.id_number AS borrower_id_number,
       b.email AS borrower_email,
       c.lender_organization_id, lo.name AS lender_name,
       c.mediation_center_id, mc.name AS center_name, mc.annual_cost_ceiling_bp AS center_ceiling_bp,
       c.mediator_id, m.name AS mediator_name,
       c.loan_contract_number, c.loan_principal_fen, c.loan_outstanding_fen,
       c.loan_overdue_since::text AS loan_overdue_since, c.overdue_reason, c.reason_detail,
       c.proposal, c.counter_proposal, c.service_address, c.debt_statement,
       c.preferred_mode, c.locale,
       c.lender_notified_at, c.lender_response_due_at, c.mediation_due_at,
       c.term_extended, c.eligible_for_litigation, c.signed_parties, c.version,
       c.created_at, c.updated_at, c.extension_proposal,
       (SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.kind), '[]'::jsonb)
          FROM case_deadlines d WHERE d.case_id = c.id) AS deadlines`;

const PARTIES = `
  JOIN users b ON b.id = c.borrower_id
  JOIN organizations lo ON lo.id = c.lender_organization_id
  JOIN organizations mc ON mc.id = c.mediation_center_id
  LEFT JOIN users m ON m.id = c.mediator_id`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What waits on the caller first: a clerk reviews submitted and needs-info cases, a lender
 * answers notified ones, a mediator books sessions. Within the order, the lender's key is when
 * the answer is due, everyone else's when the case was filed.
 */
const WAITING: Record<Principal['role'], readonly CaseStatus[]> = {
  clerk: ['submitted', 'needs_info'],
  admin: ['submitted', 'needs_info'],
  lender: ['lender_notified'],
  mediator: ['awaiting_session', 'session_scheduled'],
  borrower: ['needs_info'],
};

function queueTerms(p: Principal): { rank: string; key: string } {
  const statuses = WAITING[p.role].map((s) => `'${s}'`).join(', ');
  return {
    rank: `(CASE WHEN c.status IN (${statuses}) THEN 0 ELSE 1 END)`,
    key: p.role === 'lender' ? 'COALESCE(c.lender_response_due_at, c.created_at)' : 'c.created_at',
  };
}

/** A row's position in the queue order, as `queueTerms` computes it in SQL. */
export function queuePositionOf(p: Principal, c: CaseRecord): QueuePosition {
  return {
    rank: WAITING[p.role].includes(c.status) ? 0 : 1,
    at: p.role === 'lender' ? (c.lenderResponseDueAt ?? c.createdAt) : c.createdAt,
    id: c.id,
  };
}

export function caseListQuery(p: Principal, f: CaseListFilter): { sql: string; params: unknown[] } {
  const { bind: param, params } = parameters();
  const where = [caseVisibility(p, param)];
  if (f.status) where.push(`c.status = ${param(f.status)}`);
  if (f.q) {
    where.push(
      `(c.case_number = ${param(f.q.toUpperCase())} OR c.borrower_name LIKE ${param(`${escapeLike(f.q)}%`)})`,
    );
  }
  if (f.lenderResponseDueBefore)
    where.push(`c.lender_response_due_at < ${param(f.lenderResponseDueBefore)}`);
  if (f.contractNumber) where.push(`c.loan_contract_number = ${param(f.contractNumber)}`);
  if (f.lenderOrganizationId)
    where.push(`c.lender_organization_id = ${param(f.lenderOrganizationId)}`);
  if (f.filedFrom) where.push(`c.created_at >= ${param(f.filedFrom)}`);
  if (f.filedBefore) where.push(`c.created_at < ${param(f.filedBefore)}`);
  let order = 'c.created_at DESC, c.id DESC';
  if (f.order === 'queue') {
    const { rank, key } = queueTerms(p);
    if (f.afterQueue) {
      const a = f.afterQueue;
      where.push(`(${rank}, ${key}, c.id) > (${param(a.rank)}, ${param(a.at)}, ${param(a.id)})`);
    }
    order = `${rank}, ${key}, c.id`;
  } else if (f.after) {
    where.push(`(c.created_at, c.id) < (${param(f.after.at)}, ${param(f.after.id)})`);
  }
  // The page's ids first, from the role's index alone (an index-only range scan on
  // (owner, created_at, id)), then the page's rows and parties. Asked for every column at
  // once, the planner preferred cases_created_idx with a filter for a large lender: the
  // heap is in created_at order, so that index's fetches look cheap, the owner's random.
  // (The queue order, a staff view, sorts the owner's rows by what waits first.)
  const sql = `${COLUMNS}
  FROM (SELECT c.id FROM cases c
         WHERE ${where.join('\n           AND ')}
         ORDER BY ${order}
         LIMIT ${param(f.limit + 1)}) page
  JOIN cases c ON c.id = page.id${PARTIES}
 ORDER BY ${order}`;
  return { sql, params };
}

/** The queue's cursor: base64url of `["q", rank, isoInstant, uuid]`. */
export const encodeQueueCursor = (q: QueuePosition): string =>
  Buffer.from(JSON.stringify(['q', q.rank, q.at.toISOString(), q.id])).toString('base64url');

export function decodeQueueCursor(cursor: string): QueuePosition | null {
  try {
    const [tag, rank, iso, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const at = new Date(iso);
    const ok = tag === 'q' && (rank === 0 || rank === 1) && !Number.isNaN(at.getTime());
    return ok && /^[0-9a-f-]{36}$/.test(id) ? { rank, at, id } : null;
  } catch {
    return null;
  }
}

/** One case the caller may see, by id: the list's columns, so it maps the same way. */
export function caseReadQuery(p: Principal, id: string): { sql: string; params: unknown[] } {
  const { bind, params } = parameters();
  const where = `c.id = ${bind(id)} AND ${caseVisibility(p, bind)}`;
  return { sql: `${COLUMNS}\n  FROM cases c${PARTIES}\n WHERE ${where}`, params };
}

/** A list row as the case (with the few related fields the list shows). */
export function caseFromListRow(r: Record<string, unknown>): CaseRecord {
  const partyUser = (id: unknown, fields: Partial<User>) => ({ id, ...fields }) as User;
  return Object.assign(new CaseRecord(), {
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    closureReason: r.closure_reason,
    borrowerId: r.borrower_id,
    borrowerName: r.borrower_name,
    borrower: partyUser(r.borrower_id, {
      phone: r.borrower_phone as string | null,
      idNumber: r.borrower_id_number as string | null,
      email: r.borrower_email as string,
    }),
    lenderOrganizationId: r.lender_organization_id,
    lenderOrganization: { id: r.lender_organization_id, name: r.lender_name } as Organization,
    mediationCenterId: r.mediation_center_id,
    mediationCenter: {
      id: r.mediation_center_id,
      name: r.center_name,
      annualCostCeilingBp: r.center_ceiling_bp,
    } as Organization,
    mediatorId: r.mediator_id,
    mediator: r.mediator_id
      ? partyUser(r.mediator_id, { name: r.mediator_name as string })
      : undefined,
    loanContractNumber: r.loan_contract_number,
    loanPrincipalFen: Number(r.loan_principal_fen),
    loanOutstandingFen: Number(r.loan_outstanding_fen),
    loanOverdueSince: r.loan_overdue_since,
    overdueReason: r.overdue_reason,
    reasonDetail: r.reason_detail,
    proposal: r.proposal,
    counterProposal: r.counter_proposal,
    serviceAddress: r.service_address,
    debtStatement: r.debt_statement,
    preferredMode: r.preferred_mode,
    locale: r.locale,
    lenderNotifiedAt: r.lender_notified_at,
    lenderResponseDueAt: r.lender_response_due_at,
    mediationDueAt: r.mediation_due_at,
    termExtended: r.term_extended,
    eligibleForLitigation: r.eligible_for_litigation,
    signedParties: r.signed_parties,
    extensionProposal: r.extension_proposal,
    deadlines: (r.deadlines as Record<string, unknown>[]).map(deadlineFromJson),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}
