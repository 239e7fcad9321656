import { CaseDeadlinesService } from '../../src/cases/case-deadlines.service';
import { WebhookDeliverer } from '../../src/lender/webhook-deliverer';
import { adminToken, debtStatement, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { MovableClock } from './movable-clock';
import { newCase } from './new-case';
import { startSmtp, TestSmtp } from './smtp';
import { caseAs, deliverMail, timeline } from './support/deadlines';
import { startReceiver } from './support/lender';
import { inbox } from './support/notifications';

const mailText = async (t: TestApp, caseId: string, kind: string): Promise<string> => {
  const [row] = await t.dataSource.query(
    `SELECT text_body FROM mail_outbox WHERE case_id = $1 AND kind = $2`,
    [caseId, kind],
  );
  return row.text_body;
};

describe('deadlines from service, on the official 2026 calendar', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let w: World;
  const clock = new MovableClock();
  const sweep = () => t.app.get(CaseDeadlinesService).sweep();
  beforeAll(async () => {
    smtp = await startSmtp();
    await smtp.stop();
    t = await startTestApp(
      {
        RUN_WORKER: 'false',
        SMTP_URL: smtp.url,
        LENDER_RESPONSE_WINDOW: '7wd',
        MEDIATION_TERM: 'P30D',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      },
      { clock },
    );
    w = await newWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('starts no window while the notice sits in the outbox; once delivered, from that moment', async () => {
    clock.setTo('2026-09-01T09:00:00+08:00');
    const c = await newCase(t, w, { status: 'lender_notified' });
    // The mail server is down: the lender's notice stays in the outbox.
    expect(await deliverMail(t, c.id, 'accept.lender')).toBe(0);
    const waiting = await caseAs(t, w.lenderRep.token, c.id);
    expect(waiting).toMatchObject({
      lenderResponseDueAt: null,
      mediationDueAt: null,
      lenderResponseDue: {
        status: 'notice_not_delivered',
        unit: 'working_days',
        length: 7,
        at: null,
        startedAt: null,
        notice: { party: 'lender', deliveredAt: null, deliveredBy: null },
        description: {
          'zh-CN': '7 个工作日，自通知送达贷款机构次日起算。通知尚未送达，期限尚未开始计算。',
          en: expect.stringContaining('The notice has not been delivered yet'),
        },
      },
      mediationDue: { status: 'notice_not_delivered', unit: 'calendar_days', length: 30 },
    });
    expect(await mailText(t, c.id, 'accept.lender')).toContain(
      '答复期限：7 个工作日，自本通知送达贵机构次日起算',
    );
    expect(await mailText(t, c.id, 'accept.borrower')).toContain('通知尚未送达');

    // Four weeks on, far past any window counted from the clerk's click: nothing to act on.
    clock.setTo('2026-09-29T16:40:00+08:00');
    expect(await sweep()).toBe(0);
    expect((await caseAs(t, w.lenderRep.token, c.id)).status).toBe('lender_notified');

    // The server is back: the notice is served now, on the Tuesday before National Day.
    await smtp.start();
    expect(await deliverMail(t, c.id, 'accept.lender')).toBe(1);
    expect(await deliverMail(t, c.id, 'accept.borrower')).toBe(1);
    const served = await caseAs(t, w.lenderRep.token, c.id);
    expect(served.lenderResponseDue).toMatchObject({
      status: 'started',
      at: '2026-10-15T00:00:00+08:00',
      unit: 'working_days',
      length: 7,
      startedAt: expect.stringMatching(/^2026-09-29T16:4\d:\d\d(\.\d+)?\+08:00$/),
      startDay: '2026-09-29',
      firstCountedDay: '2026-09-30',
      lastDay: '2026-10-14',
      countedMakeupWorkdays: ['2026-10-10'],
      rolledFrom: null,
      provisional: false,
      basis: 'service',
      notice: { party: 'lender', deliveredBy: 'mail' },
    });
    expect(served.lenderResponseDue.skipped).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
        date: `2026-10-${d}`,
        why: 'holiday',
      })),
      { date: '2026-10-11', why: 'weekend' },
    ]);
    expect(served.lenderResponseDueAt).toBe('2026-10-14T16:00:00.000Z');
    expect(served.lenderResponseDue.description['zh-CN']).toBe(
      '7 个工作日，自 9月29日送达次日起算，不计法定节假日 7 天、周末 1 天，计入调休上班日10月10日，10月14日24:00届满。',
    );
    // 30 calendar days from the applicant's service: Thursday 29 October, a working day.
    expect(served.mediationDue).toMatchObject({
      status: 'started',
      at: '2026-10-30T00:00:00+08:00',
      lastDay: '2026-10-29',
      rolledFrom: null,
      notice: { party: 'borrower', deliveredBy: 'mail' },
    });

    // The delivery is on the timeline, with what it started.
    const events = await timeline(t, c.id);
    expect(events.map((e: { action: string; by: string }) => [e.action, e.by])).toEqual([
      ['file', 'borrower'],
      ['accept', 'clerk'],
      ['record_lender_service', 'system'],
      ['record_borrower_service', 'system'],
    ]);
    expect(events[2].input).toMatchObject({
      channel: 'mail',
      deliveredAt: expect.stringMatching(/^2026-09-29T08:4/),
      lenderResponseDue: { at: '2026-10-15T00:00:00+08:00' },
    });

    // The lender is told its deadline in words, in both parts of the mail.
    expect(await deliverMail(t, c.id, 'record_lender_service.lender')).toBe(1);
    const told = smtp.received.find((m) => m.subject.includes('答复期限开始计算'))!;
    expect(told.text).toContain('10月14日24:00届满');

    // The sweeper acts once 24:00 of 14 October has passed, not a second before.
    clock.setTo('2026-10-14T23:59:59+08:00');
    expect(await sweep()).toBe(0);
    clock.setTo('2026-10-15T00:00:00+08:00');
    expect(await sweep()).toBe(1);
    expect(await caseAs(t, w.lenderRep.token, c.id)).toMatchObject({
      status: 'unsuccessful',
      closureReason: 'lender_no_response',
    });
  });

  it('starts the window from the webhook when the lender’s system acknowledges first', async () => {
    clock.setTo('2026-11-02T10:00:00+08:00');
    const receiver = await startReceiver();
    try {
      const hook = await t
        .http()
        .post(`/api/v1/organizations/${w.lender.id}/webhooks`)
        .set('Authorization', `Bearer ${await adminToken(t)}`)
        .send({ url: receiver.url })
        .expect(201);
      const c = await newCase(t, w, { status: 'lender_notified' });
      await t.app.get(WebhookDeliverer).deliverPair(hook.body.id, c.id);
      const byHook = await caseAs(t, w.lenderRep.token, c.id);
      expect(byHook.lenderResponseDue).toMatchObject({
        status: 'started',
        startDay: '2026-11-02',
        // Monday 2 November: seven working days are 3–6 and 9–11 November.
        lastDay: '2026-11-11',
        at: '2026-11-12T00:00:00+08:00',
        notice: { deliveredBy: 'webhook' },
      });
      // The mail arriving later serves nothing again.
      clock.setTo('2026-11-03T09:00:00+08:00');
      await deliverMail(t, c.id, 'accept.lender');
      const after = await caseAs(t, w.lenderRep.token, c.id);
      expect(after.lenderResponseDue).toEqual(byHook.lenderResponseDue);
      const served = (await timeline(t, c.id)).filter(
        (e: { action: string }) => e.action === 'record_lender_service',
      );
      expect(served).toHaveLength(1);
      // The lender's system hears of the service with the deadline it started.
      await t.app.get(WebhookDeliverer).deliverPair(hook.body.id, c.id);
      expect(receiver.forCase(c.id).map((r) => r.body.type)).toEqual([
        'case.accept',
        'case.record_lender_service',
      ]);
      expect(receiver.forCase(c.id)[1].body.case).toMatchObject({
        lenderResponseDueAt: '2026-11-11T16:00:00.000Z',
      });
    } finally {
      await receiver.close();
    }
  });

  it('keeps a notice delivered after the lender answered, and starts nothing', async () => {
    clock.setTo('2026-11-16T10:00:00+08:00');
    // The debt as of the moved clock's day: a statement may not be dated after today.
    const lenderAnswer = { debtStatement: debtStatement({ asOf: '2026-11-16' }) };
    const c = await newCase(t, w, { status: 'awaiting_session', lenderAnswer });
    await deliverMail(t, c.id, 'accept.lender');
    const now = await caseAs(t, w.lenderRep.token, c.id);
    expect(now.lenderResponseDue).toMatchObject({
      status: 'not_started',
      at: null,
      notice: { deliveredBy: 'mail', deliveredAt: expect.stringMatching(/^2026-11-16T10:/) },
    });
    expect(now.lenderResponseDueAt).toBeNull();
  });

  it('flags a term that reaches into a year without official data, and tells the clerks once', async () => {
    clock.setTo('2026-12-15T10:00:00+08:00');
    const c = await newCase(t, w, { status: 'lender_notified' });
    await deliverMail(t, c.id, 'accept.borrower');
    const term = (await caseAs(t, w.borrower.token, c.id)).mediationDue;
    expect(term).toMatchObject({ provisional: true, provisionalYears: [2027] });
    expect(term.description['zh-CN']).toContain('（暂定：2027年官方节假日安排尚未公布');
    const clerkNotices = async () =>
      (await inbox(t, w.clerk.token)).items.filter(
        (n) => n.caseId === c.id && n.kind === 'flag_provisional_deadline.clerk',
      );
    expect(await clerkNotices()).toHaveLength(0);
    await t.app.get(CaseDeadlinesService).sweep();
    await t.app.get(CaseDeadlinesService).sweep();
    const told = await clerkNotices();
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('调解期限：30 日，自 12月15日送达次日起算');
    const flagged = (await timeline(t, c.id)).filter(
      (e: { action: string }) => e.action === 'flag_provisional_deadline',
    );
    expect(flagged).toEqual([
      {
        action: 'flag_provisional_deadline',
        by: 'system',
        input: { provisional: [{ deadline: 'mediation_term', at: term.at, years: [2027] }] },
      },
    ]);
  });
});
