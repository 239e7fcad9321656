import { DateTime } from 'luxon';
import { newWorld } from './factories';
import type { World } from './factories';
import { startTestApp, TestApp } from './harness';
import { defaultTerms, newCase } from './new-case';
import { asBytes, loadPdfWorker, pdfText } from './support/pdf';
import { startSession } from './support/session-started';
import { signedIn, textOf } from './support/pages';
import { csrfOf, submit } from './web-pages';

const PASSWORD = 'staff-password-123';
/** A Beijing day some days ahead, `YYYY-MM-DD`. */
const dayIn = (days: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days }).toISODate()!;
const squash = (s: string) => s.replace(/\s+/g, '');

describe('web pages: the mediator’s calendar, booking and drafting', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    await loadPdfWorker();
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('shows the week’s sessions with case number and mode, linked to the case', async () => {
    const day = dayIn(12);
    const c = await newCase(t, w, {
      status: 'session_scheduled',
      session: { startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T10:00:00+08:00` },
    });
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);
    const week = (await mediator.get(`/calendar?week=${day}`).expect(200)).text;
    const cell = new RegExp(`data-date="${day}"[\\s\\S]*?</li>\\s*</ul>`).exec(week)?.[0] ?? '';
    expect(cell).toContain(`href="/cases/${c.id}#session"`);
    expect(cell).toContain(c.caseNumber);
    expect(cell).toContain('线上');
    expect(cell).toContain(`${day} 09:00`);
    const otherWeek = (await mediator.get(`/calendar?week=${dayIn(40)}`).expect(200)).text;
    expect(otherWeek).not.toContain(c.caseNumber);
  });

  it('names the booking in the way before booking, refuses it, and books a free slot in one form', async () => {
    const day = dayIn(13);
    const taken = await newCase(t, w, {
      status: 'session_scheduled',
      session: { startsAt: `${day}T14:00:00+08:00`, endsAt: `${day}T15:00:00+08:00` },
    });
    const c = await newCase(t, w, { status: 'awaiting_session' });
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);

    const check = await mediator
      .get(`/calendar/slot-check?startsAt=${day}T14:30&endsAt=${day}T15:30`)
      .set('Accept', 'application/json')
      .expect(200);
    expect(check.body).toMatchObject({
      free: false,
      conflict: { caseNumber: taken.caseNumber, startsAt: `${day}T14:00:00+08:00` },
    });
    const api = await t
      .http()
      .get('/api/v1/mediators/me/slot-check')
      .query({ startsAt: `${day}T15:00:00+08:00`, endsAt: `${day}T16:00:00+08:00` })
      .set('Authorization', `Bearer ${w.mediator.token}`)
      .expect(200);
    expect(api.body).toEqual({ free: true, conflict: null });

    const page = `/cases/${c.id}`;
    const action = `/cases/${c.id}/actions/schedule_session`;
    const form = (await mediator.get(page).expect(200)).text;
    expect(form).toContain('data-action="schedule_session"');
    expect(form).toContain('src="/assets/staff.js"');
    const meeting = { mode: 'online', meetingUrl: 'https://meet.example.cn/r/1' };
    const refused = await submit(
      mediator,
      page,
      action,
      { startsAt: `${day}T14:30`, endsAt: `${day}T15:30`, ...meeting },
      409,
    );
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toContain(`value="${day}T14:30"`); // the typed time, shown again
    const sessions = () =>
      t.dataSource.query(`SELECT starts_at FROM mediation_sessions WHERE case_id = $1`, [c.id]);
    expect(await sessions()).toHaveLength(0);

    await submit(
      mediator,
      page,
      action,
      { startsAt: `${day}T15:00`, endsAt: `${day}T16:00`, ...meeting },
      303,
    );
    const [booked] = await sessions();
    expect(new Date(booked.starts_at).toISOString()).toBe(
      new Date(`${day}T15:00:00+08:00`).toISOString(),
    );
  });

  it('previews exactly the schedule the PDF prints, to the fen', async () => {
    const c = await newCase(t, w, { status: 'session_scheduled' });
    await startSession(t, c.id); // drafting comes once the session has started
    const mediator = await signedIn(t, w.mediator.email, PASSWORD);
    const page = (await mediator.get(`/cases/${c.id}`).expect(200)).text;
    // 8000.00 in 7: 1142.85 six times and 1142.90 last.
    const terms = { ...defaultTerms({ installments: 7 }), _action: 'draft_agreement' };
    const { payment, ...flat } = terms;
    // The form's fields as the page names them: the payee account under `payment.`.
    const fields = {
      ...flat,
      installments: String(terms.installments),
      'payment.accountName': payment.accountName,
      'payment.bankName': payment.bankName,
      'payment.accountNumber': payment.accountNumber,
    };

    const bad = await mediator
      .post(`/cases/${c.id}/schedule-preview`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ ...fields, settlementAmount: '99999.00', _csrf: csrfOf(page) })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('settlementAmount');

    // The schedule follows the terms before the payee is typed: the preview needs no payment.
    const preview = await mediator
      .post(`/cases/${c.id}/schedule-preview`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ ...flat, installments: '7', _csrf: csrfOf(page) })
      .expect(200);
    expect(preview.body.total).toBe('8000.00');
    expect(preview.body.schedule.map((r: { amount: string }) => r.amount)).toEqual([
      ...Array(6).fill('1142.85'),
      '1142.90',
    ]);

    // Without a script: the case page with the preview under the terms, the terms kept.
    const noScript = await mediator
      .post(`/cases/${c.id}/schedule-preview`)
      .type('form')
      .send({ ...fields, _csrf: csrfOf(page) })
      .expect(200);
    expect(noScript.text).toContain('共 7 期，合计 ¥8000.00');
    expect(noScript.text).toContain('1142.90');
    expect(noScript.text).toContain(`value="${terms.firstDueDate}"`);

    // Drafting does: half an account is refused beside the missing fields, nothing drafted.
    const draft = `/cases/${c.id}/actions/draft_agreement`;
    const halfAccount = { ...flat, installments: '7', 'payment.accountName': payment.accountName };
    const refused = await submit(mediator, `/cases/${c.id}`, draft, halfAccount, 400);
    expect(textOf(refused.text, 'f-draft_agreement-payment-bankName-error')).toBeTruthy();
    expect(textOf(refused.text, 'f-draft_agreement-payment-accountNumber-error')).toBeTruthy();
    expect(refused.text).toContain(`value="${payment.accountName}"`);
    const drafted = () =>
      t.dataSource.query(`SELECT version FROM agreement_versions WHERE case_id = $1`, [c.id]);
    expect(await drafted()).toHaveLength(0);

    await submit(mediator, `/cases/${c.id}`, draft, fields, 303);
    const agreement = await t
      .http()
      .get(`/api/v1/cases/${c.id}/agreement`)
      .set('Authorization', `Bearer ${w.mediator.token}`)
      .expect(200);
    expect(agreement.body.schedule).toEqual(preview.body.schedule);
    const pdf = await asBytes(mediator.get(`/cases/${c.id}/agreement/pdf`)).expect(200);
    const text = squash(await pdfText(pdf.body as Buffer));
    let from = 0;
    for (const row of preview.body.schedule as { dueDate: string; amount: string }[]) {
      const at = text.indexOf(squash(`${row.dueDate}`), from);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(row.amount, at)).toBeGreaterThan(at);
      from = at + 1;
    }
  });

  it('refuses a clerk the mediator’s helpers', async () => {
    const clerk = await signedIn(t, w.clerk.email, PASSWORD);
    await clerk.get('/calendar').expect(403);
    const c = await newCase(t, w, { status: 'session_scheduled' });
    const refused = await clerk.get(`/calendar/slot-check?startsAt=x&endsAt=y`).expect(403);
    expect(textOf(refused.text, 'x')).toBeNull();
    expect(c.status).toBe('session_scheduled');
  });
});
