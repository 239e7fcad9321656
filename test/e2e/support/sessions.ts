import { sync as icalSync } from 'node-ical';
import type { VEvent } from 'node-ical';
import type { World } from '../factories';
import type { TestApp } from '../harness';
import { newCase } from '../new-case';
import type { ReceivedMail } from '../smtp';

export const MINUTE = 60_000;

/** An instant `minutesAhead` from now, on a whole second, as Beijing time with offset. */
export function at(minutesAhead: number): string {
  const d = new Date(Math.ceil((Date.now() + minutesAhead * MINUTE) / 1000) * 1000);
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export const slot = (minutesAhead: number, lengthMinutes = 60) => ({
  startsAt: at(minutesAhead),
  endsAt: at(minutesAhead + lengthMinutes),
});

export const offline = (minutesAhead: number, lengthMinutes = 60) => ({
  ...slot(minutesAhead, lengthMinutes),
  mode: 'offline',
  location: '北京市朝阳区调解中心 3 号调解室',
});

export const sameInstant = (a: string, b: string) =>
  new Date(a).getTime() === new Date(b).getTime();

export async function ok<R extends { status: number; body: unknown }>(res: Promise<R>): Promise<R> {
  const r = await res;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** A case of the world's own centre that the lender agreed to mediate: waiting for its session. */
export const awaitingSession = (t: TestApp, w: World) =>
  newCase(t, w, { status: 'awaiting_session' });

/** A case whose session is booked as `session` says. */
export const scheduled = (t: TestApp, w: World, session: Record<string, unknown>) =>
  newCase(t, w, { status: 'session_scheduled', session });

export type SessionView = Record<string, unknown> & {
  id: string;
  startsAt: string;
  endsAt: string;
};

export const sessionsOf = async (t: TestApp, token: string, caseId: string) =>
  (
    await t
      .http()
      .get(`/api/v1/cases/${caseId}/sessions`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200)
  ).body as SessionView[];

export interface OutboxMail {
  kind: string;
  to_address: string;
  attachments: { filename: string; contentBase64: string; icalMethod?: string }[];
}

export const mailsOf = (t: TestApp, caseId: string, kindPrefix: string): Promise<OutboxMail[]> =>
  t.dataSource.query(
    `SELECT kind, to_address, attachments FROM mail_outbox
      WHERE case_id = $1 AND kind LIKE $2 ORDER BY kind`,
    [caseId, `${kindPrefix}.%`],
  );

export function parseIcs(ics: string): { method: string; event: VEvent } {
  const parsed = icalSync.parseICS(ics);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return { method: String(parsed.vcalendar?.method), event: events[0] };
}

export function parseInvite(mail: OutboxMail): { method: string; event: VEvent } {
  const ics = mail.attachments.find((a) => a.filename.endsWith('.ics'));
  if (!ics) throw new Error(`${mail.kind} has no calendar attachment`);
  return parseIcs(Buffer.from(ics.contentBase64, 'base64').toString('utf8'));
}

/** The calendar part of a mail as received over SMTP. */
export const calendarOf = (mail: ReceivedMail) =>
  mail.parts.find((p) => p.contentType === 'text/calendar')?.content.toString('utf8');

export const attendeeEmails = (e: VEvent) =>
  (Array.isArray(e.attendee) ? e.attendee : [e.attendee])
    .map((a) => (typeof a === 'string' ? a : a!.val).replace(/^mailto:/i, '').toLowerCase())
    .sort();
export const text = (v: unknown) => (typeof v === 'object' && v !== null && 'val' in v ? v.val : v);
