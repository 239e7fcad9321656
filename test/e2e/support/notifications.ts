import { act, debtStatement } from '../factories';
import type { TestApp } from '../harness';
import type { ReceivedMail, TestSmtp } from '../smtp';
import { until } from '../smtp';

export interface OutboxRow {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
}

export const outbox = (t: TestApp, caseId: string): Promise<OutboxRow[]> =>
  t.dataSource.query(
    `SELECT id, kind, to_address, subject, status, attempts, last_error, message_id
       FROM mail_outbox WHERE case_id = $1 ORDER BY created_at, kind`,
    [caseId],
  );

export const CJK = /[\u4e00-\u9fff]/;
export const forCase = (smtp: TestSmtp, caseNumber: string) =>
  smtp.received.filter((m) => m.subject.includes(caseNumber));

/** Waits until every outbox mail of the case is sent and has arrived; answers them by kind. */
export async function delivered(t: TestApp, smtp: TestSmtp, c: { id: string; caseNumber: string }) {
  const rows = await until(async () => {
    const r = await outbox(t, c.id);
    return r.every((x) => x.status === 'sent') && forCase(smtp, c.caseNumber).length >= r.length
      ? r
      : null;
  }, `the mail of ${c.caseNumber} to arrive`);
  const mails = forCase(smtp, c.caseNumber);
  // Each outbox row arrived exactly once, recognisable by its Message-ID.
  expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
  const byKind = new Map<string, { row: OutboxRow; mail: ReceivedMail }>();
  for (const row of rows) {
    byKind.set(row.kind, { row, mail: mails.find((m) => m.messageId === row.message_id)! });
  }
  return byKind;
}

export async function inbox(t: TestApp, token: string, query = '') {
  const res = await t
    .http()
    .get(`/api/v1/notifications${query}`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  return res.body as {
    items: {
      id: string;
      kind: string;
      caseId: string;
      title: string;
      body: string;
      readAt: string | null;
      createdAt: string;
    }[];
    nextCursor: string | null;
    unreadCount: number;
  };
}

export const ok = async (p: ReturnType<typeof act>) => {
  const res = await p;
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

export const COUNTER = {
  debtStatement: debtStatement(),
  counterProposal: {
    settlementAmount: '8000.00',
    installments: 10,
    waivedAmount: '1650.40',
    note: '同意减免罚息',
  },
};
