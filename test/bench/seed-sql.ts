import { OVERDUE_REASONS } from '../../src/cases/case.entity';
import { CLERKS_PER_CENTRE, REPS_PER_LENDER, seedId, seedIdSql } from './seed-ids';
import type { SeedKind } from './seed-ids';
import { pathChoiceSql, progressSql, stepRowsSql } from './seed-timeline';
import { DETAILS, GIVEN, SURNAMES } from './seed-words';

/**
 * The set-based SQL of the seed: every row from generate_series, nothing looped in JavaScript.
 * "Random" choices are hashes of the row number, so a seed of a given size is the same each
 * time. `$seed_at` is the instant the seeded world stands at.
 */
export interface SeedShape {
  cases: number;
  borrowers: number;
  lenders: number;
  mediators: number;
}

/** A uniform number in [0, 1) from an integer expression and a salt. */
export const u = (expr: string, salt: number) =>
  `((hashint8((${expr})::bigint * 7919 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;

const arr = (items: readonly string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;
const pick = (items: readonly string[], u01: string) =>
  `(${arr(items)})[1 + floor(${u01} * ${items.length})::int]`;

/** The borrower's name, a function of their number (the case copies it as `borrower_name`). */
export const borrowerNameSql = (n: string) =>
  `${pick(SURNAMES, u(n, 11))} || ${pick(GIVEN, u(n, 12))} || CASE WHEN ${u(n, 13)} < 0.3 THEN '' ELSE ${pick(GIVEN, u(n, 14))} END`;

export function referenceSql(shape: SeedShape): string[] {
  const m1 = Math.round(shape.mediators * 0.6);
  return [
    `INSERT INTO organizations (id, type, name, contact_email, created_at)
     SELECT ${seedIdSql('centre', 'n')}, 'mediation_center',
            (ARRAY['朝阳区金融纠纷人民调解委员会','浦东新区金融消费纠纷调解中心'])[n], 'centre' || n || '@bench.test', $seed_at - interval '4 years'
       FROM generate_series(1, 2) n`,
    `INSERT INTO organizations (id, type, name, contact_email, created_at)
     SELECT ${seedIdSql('lender', 'n')}, 'lender', '贷款机构' || n || '号消费金融有限公司', 'lender' || n || '@bench.test', $seed_at - interval '4 years'
       FROM generate_series(1, ${shape.lenders}) n`,
    `INSERT INTO users (id, role, name, email, password_hash, organization_id, created_at)
     SELECT ${seedIdSql('admin', 'n')}, 'admin', '管理员', 'admin' || n || '@bench.test', $hash, NULL, $seed_at - interval '4 years'
       FROM generate_series(1, 1) n`,
    `INSERT INTO users (id, role, name, email, password_hash, organization_id, created_at)
     SELECT ${seedIdSql('clerk', 'n')}, 'clerk', '书记员' || n, 'clerk' || n || '@bench.test', $hash,
            ${seedIdSql('centre', `1 + (n - 1) / ${CLERKS_PER_CENTRE}`)}, $seed_at - interval '4 years'
       FROM generate_series(1, ${2 * CLERKS_PER_CENTRE}) n`,
    `INSERT INTO users (id, role, name, email, password_hash, organization_id, created_at)
     SELECT ${seedIdSql('mediator', 'n')}, 'mediator', '调解员' || n, 'mediator' || n || '@bench.test', $hash,
            ${seedIdSql('centre', `CASE WHEN n <= ${m1} THEN 1 ELSE 2 END`)}, $seed_at - interval '4 years'
       FROM generate_series(1, ${shape.mediators}) n`,
    `INSERT INTO users (id, role, name, email, password_hash, organization_id, created_at)
     SELECT ${seedIdSql('lender-rep', 'n')}, 'lender', '贷款机构代表' || n, 'rep' || n || '@bench.test', $hash,
            ${seedIdSql('lender', `1 + (n - 1) / ${REPS_PER_LENDER}`)}, $seed_at - interval '4 years'
       FROM generate_series(1, ${shape.lenders * REPS_PER_LENDER}) n`,
    `INSERT INTO api_keys (id, organization_id, name, key_hash, created_by, created_at)
     SELECT ${seedIdSql('api-key', 'n')}, ${seedIdSql('lender', 'n')}, '核心系统', encode(sha256(convert_to('bench-api-key-' || n || '-0123456789abcdef', 'UTF8')), 'hex'),
            ${seedIdSql('admin', '1')}, $seed_at - interval '3 years'
       FROM generate_series(1, ${shape.lenders}) n`,
    `INSERT INTO users (id, role, name, email, phone, id_number, password_hash, created_at)
     SELECT ${seedIdSql('borrower', 'n')}, 'borrower', ${borrowerNameSql('n')}, 'b' || n || '@bench.test',
            '1' || (3 + floor(${u('n', 15)} * 7)::int) || lpad(floor(${u('n', 16)} * 1e9)::bigint::text, 9, '0'),
            '110105' || (1960 + n % 40) || lpad((1 + n % 12)::text, 2, '0') || lpad((1 + n % 28)::text, 2, '0')
              || lpad((n % 1000)::text, 3, '0') || (ARRAY['0','1','2','3','4','5','6','7','8','9','X'])[1 + n % 11],
            $hash, $seed_at - interval '4 years' + (n % 1000) * interval '1 day'
       FROM generate_series(1, ${shape.borrowers}) n`,
  ];
}

/** When a step was taken: hours from filing, stretched by the case's pace (deadlines are not). */
const stepAt = `s.created_at + (st.hours * s.pace + st.after_accept) * interval '1 hour'`;

/** `(ARRAY[ids of kind 1..n])[expr]`: a few staff ids as one constant, cheaper than md5 per row. */
const idOf = (kind: SeedKind, count: number, n: string) =>
  `(ARRAY[${Array.from({ length: count }, (_, i) => `'${seedId(kind, i + 1)}'`).join(',')}]::uuid[])[${n}]`;

/** A range of case numbers, [lo, hi], that one statement of a chunked load covers. */
export interface Chunk {
  lo: number;
  hi: number;
}

/** The unlogged tables the loads read: the steps of every path, then one row per case. */
export function planTablesSql(): string[] {
  return [
    `CREATE UNLOGGED TABLE bench.plan_steps (path int, step int, action text, from_status text, to_status text,
       actor text, hours float8, after_accept float8, closure text, PRIMARY KEY (path, step))`,
    `INSERT INTO bench.plan_steps VALUES ${stepRowsSql()}`,
  ];
}

/** One row per case: its path, age, pace, people, and how far along its path it is. */
export function planCasesSql(shape: SeedShape, c: Chunk): string {
  const m1 = Math.round(shape.mediators * 0.6);
  const m2 = shape.mediators - m1;
  const p = progressSql();
  // A steady flow, newest case last: 1,000 filings a day, or fewer for a small seed so that it
  // still spans 60 days (longer than any path takes), so the status mix is that of a live
  // system at any size.
  const gap = 86_400 / Math.min(1000, shape.cases / 60);
  return `SELECT x.*, ${p.flatOf('x.last_step')} AS flat,
            $seed_at - x.age_h * interval '1 hour' AS created_at,
            ${seedIdSql('borrower', 'x.borrower_no')} AS borrower_id,
            CASE x.centre_no WHEN 1 THEN 1 + floor(x.u_staff * ${m1})::int
                             ELSE ${m1 + 1} + floor(x.u_staff * ${m2})::int END AS mediator_no,
            (x.centre_no - 1) * ${CLERKS_PER_CENTRE} + 1 + floor(x.u_staff * ${CLERKS_PER_CENTRE})::int AS clerk_no,
            (x.lender_no - 1) * ${REPS_PER_LENDER} + 1 + floor(x.u_counter * ${REPS_PER_LENDER})::int AS rep_no
       FROM (
       SELECT c.*, ${p.lastStep} AS last_step FROM (
         SELECT i, ${seedIdSql('case', 'i')} AS id, ${pathChoiceSql(u('i', 1))} AS path,
                ((${shape.cases} - i) * ${gap.toFixed(3)} + 60 + ${u('i', 2)} * ${(gap * 0.9).toFixed(3)}) / 3600.0 AS age_h,
                0.7 + 0.6 * ${u('i', 3)} AS pace,
                1 + floor(${u('i', 4)} * ${shape.borrowers})::int AS borrower_no,
                1 + floor(${shape.lenders} * power(${u('i', 5)}, 1.5))::int AS lender_no,
                CASE WHEN ${u('i', 6)} < 0.6 THEN 1 ELSE 2 END AS centre_no,
                ${u('i', 7)} AS u_staff, ${u('i', 8)} AS u_counter, ${u('i', 9)} < 0.5 AS by_api_key,
                ${u('i', 10)} AS u_loan
           FROM generate_series(${c.lo}, ${c.hi}) i) c) x`;
}

/** A table filled by `COPY … FROM STDIN`, one chunk of cases at a time. */
export interface TableLoad {
  table: string;
  /** COPY's format: binary where the columns are plain values, text where JSON is parsed. */
  format?: 'binary' | 'text';
  columns: string;
  /** The rows of the cases in the chunk, in the order they are to be stored. */
  select(c: Chunk): string;
}

const OVERDUE = arr(OVERDUE_REASONS);

export function casesLoad(shape: SeedShape): TableLoad {
  const p = progressSql();
  const notified = `CASE WHEN ${p.acceptStep} BETWEEN 1 AND last_step THEN s.created_at + ${p.acceptHours} * interval '1 hour' END`;
  return {
    table: 'cases',
    columns: `id, case_number, status, closure_reason, borrower_id, borrower_name,
       lender_organization_id, mediation_center_id, mediator_id, loan_contract_number, loan_principal_fen,
       loan_outstanding_fen, loan_overdue_since, overdue_reason, reason_detail, proposal, counter_proposal,
       preferred_mode, locale, lender_notified_at, lender_response_due_at, mediation_due_at, term_extended,
       eligible_for_litigation, signed_parties, version, created_at, updated_at, lender_answered_at, closed_at`,
    select: (
      c,
    ) => `SELECT s.id, 'MED-' || extract(year FROM s.created_at AT TIME ZONE 'UTC') || '-' || lpad(s.i::text, 6, '0'),
            ${p.status('flat')}, ${p.closure('flat')},
            s.borrower_id, ${borrowerNameSql('s.borrower_no')},
            ${idOf('lender', shape.lenders, 's.lender_no')}, ${idOf('centre', 2, 's.centre_no')},
            CASE WHEN l.notified_at IS NOT NULL THEN ${idOf('mediator', shape.mediators, 's.mediator_no')} END,
            'HT-' || s.lender_no || '-' || lpad((s.i * 7 % 10000000)::text, 8, '0'),
            l.principal, (l.principal * (0.6 + 0.35 * s.u_loan))::bigint,
            (s.created_at - (30 + floor(s.u_loan * 400)) * interval '1 day')::date,
            (${OVERDUE})[1 + floor(s.u_counter * ${OVERDUE_REASONS.length})::int],
            ${pick(DETAILS, 's.u_staff')},
            jsonb_build_object('installments', (ARRAY[6, 12, 12, 24, 36])[1 + s.i % 5], 'requestWaiver', s.i % 3 <> 0,
                               'note', CASE WHEN s.i % 4 = 0 THEN '希望减免罚息' END),
            CASE WHEN ${p.lenderAcceptStep} BETWEEN 1 AND last_step AND s.u_counter < 0.6 THEN jsonb_build_object(
              'settlementFen', (l.principal * 0.7)::bigint, 'installments', 12,
              'waivedFen', (l.principal * 0.1)::bigint, 'note', '同意减免罚息，本金分期') END,
            CASE WHEN s.i % 5 = 0 THEN 'offline' ELSE 'online' END,
            CASE WHEN s.i % 20 = 0 THEN 'en' ELSE 'zh-CN' END,
            l.notified_at, l.notified_at + interval '7 days', l.notified_at + interval '30 days', false,
            ${p.closure('flat')} IS NOT DISTINCT FROM 'no_agreement',
            (ARRAY['[]', '["borrower"]', '["borrower", "lender"]'])[1 + ${p.signs('flat')}]::jsonb,
            s.last_step, s.created_at, s.created_at + ${p.hoursAt('flat')} * interval '1 hour',
            CASE WHEN ${p.answerStep} BETWEEN 1 AND last_step
                 THEN s.created_at + ${p.hoursAt(p.flatOf(p.answerStep))} * interval '1 hour' END,
            CASE WHEN ${p.terminal('flat')} THEN s.created_at + ${p.hoursAt('flat')} * interval '1 hour' END
       FROM bench.plan_cases s
       CROSS JOIN LATERAL (SELECT (500000 + floor(s.u_loan * 4500000))::bigint AS principal,
                                  ${notified} AS notified_at) l
      WHERE s.i BETWEEN ${c.lo} AND ${c.hi}
      ORDER BY s.i`,
  };
}

/** One timeline row per step taken, in the order they happened (ids grow with time, as live). */
export function eventsLoad(shape: SeedShape): TableLoad {
  const lenderId = idOf('lender', shape.lenders, 'e.lender_no');
  const centreId = idOf('centre', 2, 'e.centre_no');
  const mediatorId = idOf('mediator', shape.mediators, 'e.mediator_no');
  const sha = `md5('bench-pdf-' || e.i) || md5('bench-pdf2-' || e.i)`;
  const day = (days: number, format: string) =>
    `to_char(e.filed + interval '${days} days', '${format}')`;
  // The inputs as JSON text: PostgreSQL parses them once, into the column. Built as jsonb here
  // they would be built, printed for COPY and parsed again, per row.
  const input = `CASE e.action
              WHEN 'file' THEN '{"lenderOrganizationId": "' || ${lenderId} || '", "overdueReason": "unemployment"}'
              WHEN 'request_info' THEN '{"message": "请补充近三个月的收入证明和逾期账单"}'
              WHEN 'resubmit' THEN '{"note": "已补充收入证明"}'
              WHEN 'accept' THEN '{"mediatorId": "' || ${mediatorId} || '"}'
              WHEN 'reject' THEN '{"reason": "申请材料与借款合同不符"}'
              WHEN 'withdraw' THEN '{"reason": "已与贷款机构自行协商"}'
              WHEN 'lender_accept' THEN CASE WHEN e.u_counter < 0.6
                THEN '{"counterProposal": {"settlementAmount": "8000.00", "installments": 12, "waivedAmount": "1650.40", "note": "同意减免罚息，本金分期"}}'
                ELSE '{}' END
              WHEN 'lender_decline' THEN '{"reason": "借款人不符合调解条件"}'
              WHEN 'schedule_session' THEN '{"startsAt": "' || ${day(8, 'YYYY-MM-DD"T"10:00:00+08:00')}
                || '", "endsAt": "' || ${day(8, 'YYYY-MM-DD"T"11:00:00+08:00')}
                || '", "mode": "online", "meetingUrl": "https://meet.example.cn/m/' || e.i
                || '", "sessionId": "' || md5('bench-session-' || e.i)::uuid || '"}'
              WHEN 'draft_agreement' THEN '{"settlementAmount": "8000.00", "installments": 12, "firstDueDate": "'
                || ${day(45, 'YYYY-MM-DD')} || '", "waivedAmount": "1650.40", "minutes": "双方同意分 12 期偿还。", '
                || '"agreementVersion": 1, "sha256": "' || ${sha} || '"}'
              WHEN 'sign_agreement' THEN '{"version": 1, "sha256": "' || ${sha} || '", "confirm": true, '
                || '"agreementVersion": 1, "party": "' || e.actor || '", "settled": '
                || CASE WHEN e.to_status = 'settled' THEN 'true' ELSE 'false' END || '}'
              WHEN 'close_unsuccessful' THEN '{"minutes": "双方未能就还款方案达成一致。"}'
              ELSE '{}'
            END`;
  return {
    table: 'case_events',
    format: 'text',
    columns: `case_id, action, from_status, to_status, actor_role, actor_user_id, actor_api_key_id,
       actor_organization_id, input, created_at`,
    // Sorted by time while the rows are narrow; the wide columns are computed after the sort.
    select: (c) => `SELECT e.id, e.action, e.from_status, e.to_status, e.actor,
            CASE e.actor
              WHEN 'borrower' THEN e.borrower_id
              WHEN 'clerk' THEN ${idOf('clerk', 2 * CLERKS_PER_CENTRE, 'e.clerk_no')}
              WHEN 'mediator' THEN ${mediatorId}
              WHEN 'lender' THEN CASE WHEN NOT e.by_api_key THEN ${idOf('lender-rep', shape.lenders * REPS_PER_LENDER, 'e.rep_no')} END
            END,
            CASE WHEN e.actor = 'lender' AND e.by_api_key THEN ${idOf('api-key', shape.lenders, 'e.lender_no')} END,
            CASE WHEN e.actor IN ('clerk', 'mediator') THEN ${centreId} WHEN e.actor = 'lender' THEN ${lenderId} END,
            ${input},
            e.at
       FROM (SELECT s.id, s.i, s.borrower_id, s.lender_no, s.centre_no, s.mediator_no, s.clerk_no, s.rep_no,
                    s.by_api_key, s.u_counter, s.created_at AS filed,
                    st.action, st.from_status, st.to_status, st.actor, ${stepAt} AS at
               FROM bench.plan_cases s JOIN bench.plan_steps st ON st.path = s.path AND st.step <= s.last_step
              WHERE s.i BETWEEN ${c.lo} AND ${c.hi}
              ORDER BY at) e`,
  };
}

/** The three consents every filing records. */
export function consentsLoad(): TableLoad {
  return {
    table: 'case_consents',
    columns: 'case_id, kind, privacy_notice_version, granted_by, granted_at',
    select: (c) => `SELECT s.id, k.kind, '2026-11-01'::text, s.borrower_id, s.created_at
       FROM bench.plan_cases s CROSS JOIN (VALUES ('onlineMediation'), ('electronicService'), ('shareWithLender')) k(kind)
      WHERE s.i BETWEEN ${c.lo} AND ${c.hi}
      ORDER BY s.i`,
  };
}
