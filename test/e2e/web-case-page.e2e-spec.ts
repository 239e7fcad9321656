import { sync as icalSync } from 'node-ical';
import type { VEvent } from 'node-ical';
import { debtStatement, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { serveNotice } from './support/deadlines';
import { count, signedIn, textOf } from './support/pages';
import { dataPage, submit } from './web-pages';

const PASSWORD = 'borrower-password-1';

describe('web pages: the case page (/cases/:id) without JavaScript', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  const status = async (id: string) =>
    (await t.dataSource.query('SELECT status FROM cases WHERE id = $1', [id]))[0].status;

  it('shows a request for information, answers it through the action, and nobody else’s case', async () => {
    const c = await newCase(t, w, { status: 'needs_info' });
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const page = await agent.get(`/cases/${c.id}`).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(dataPage(page.text)).toBe('case');
    expect(page.text).toContain('data-status="needs_info"');
    expect(page.text).toMatch(/data-step="2" aria-current="step"/);
    expect(page.text).toContain('请补充收入证明');
    expect(page.text).toContain('data-action="resubmit"');
    expect(page.text).toContain('data-action="withdraw"');
    expect(page.text).not.toContain('data-action="sign_agreement"');

    const empty = await submit(agent, `/cases/${c.id}`, `/cases/${c.id}/actions/resubmit`, {}, 400);
    expect(textOf(empty.text, 'f-resubmit-note-error')).toContain('请填写此项');
    expect(await status(c.id)).toBe('needs_info');
    const fields = { note: '已补充收入证明', 'corrections.outstandingAmount': '9000.00' };
    const done = await submit(
      agent,
      `/cases/${c.id}`,
      `/cases/${c.id}/actions/resubmit`,
      fields,
      303,
    );
    expect(done.headers.location).toBe(`/cases/${c.id}`);
    expect(await status(c.id)).toBe('submitted');
    const after = await agent.get(`/cases/${c.id}`).expect(200);
    expect(after.text).toContain('已重新提交');
    expect(after.text).toContain('申请人补充材料后重新提交');
    expect(after.text).toContain('¥9000.00');

    const stranger = await newWorld(t);
    const theirs = await signedIn(t, stranger.borrower.email, PASSWORD);
    const refused = await theirs.get(`/cases/${c.id}`).expect(404);
    expect(refused.text).not.toContain(c.caseNumber);
    await submit(theirs, '/cases', `/cases/${c.id}/actions/withdraw`, { _confirm: 'true' }, 404);
    expect(await status(c.id)).toBe('submitted');
  });

  it('withdraws only with the box ticked', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const page = await agent.get(`/cases/${c.id}`).expect(200);
    expect(page.text).toContain('对方需要在截止时间前答复');
    expect(page.text).toMatch(/data-step="3" aria-current="step"/);
    const unticked = await submit(
      agent,
      `/cases/${c.id}`,
      `/cases/${c.id}/actions/withdraw`,
      {
        reason: '已自行还清',
      },
      400,
    );
    expect(textOf(unticked.text, 'f-withdraw-_confirm-error')).toContain('请勾选以确认');
    expect(await status(c.id)).toBe('lender_notified');
    await submit(
      agent,
      `/cases/${c.id}`,
      `/cases/${c.id}/actions/withdraw`,
      {
        reason: '已自行还清',
        _confirm: 'true',
      },
      303,
    );
    expect(await status(c.id)).toBe('withdrawn');
    const ended = await agent.get(`/cases/${c.id}`).expect(200);
    // Withdrawn while the lender was to answer: the stepper shows it ended at step 3.
    expect(ended.text).toMatch(/stepper-step--ended" data-step="3"/);
    expect(ended.text).not.toContain('data-action="withdraw"');
  });

  it('puts the lender’s counter-proposal in words beside the borrower’s own', async () => {
    const c = await newCase(t, w, {
      status: 'awaiting_session',
      lenderAnswer: {
        debtStatement: debtStatement(),
        counterProposal: {
          settlementAmount: '8000.00',
          installments: 6,
          waivedAmount: '1650.40',
          note: '可减免全部罚息',
        },
      },
    });
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const page = await agent.get(`/cases/${c.id}`).expect(200);
    expect(page.text).toContain('按尚欠 9650.40 元分 12 期偿还，每期约 804.20 元');
    expect(page.text).toContain('共还 8000.00 元，分 6 期，每期约 1333.33 元；减免 1650.40 元');
    expect(page.text).toContain('可减免全部罚息');
  });

  it('shows the session with its invite, the same calendar entry as the mails carry', async () => {
    const c = await newCase(t, w, { status: 'session_scheduled' });
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const page = await agent.get(`/cases/${c.id}`).expect(200);
    expect(page.text).toContain('https://meet.example.cn/room-1');
    const href = /href="(\/cases\/[^"]+\/invite\.ics)"/.exec(page.text)![1];
    const ics = await agent.get(href).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.headers['content-disposition']).toMatch(/^attachment/);
    const [session] = await t.dataSource.query(
      'SELECT id, starts_at, sequence FROM mediation_sessions WHERE case_id = $1',
      [c.id],
    );
    const event = Object.values(icalSync.parseICS(ics.text)).find(
      (e) => e?.type === 'VEVENT',
    ) as VEvent;
    expect(event.uid).toMatch(new RegExp(`^session-${session.id}@`));
    expect(Number(event.sequence)).toBe(session.sequence);
    expect(new Date(event.start).getTime()).toBe(new Date(session.starts_at).getTime());
    expect(String(event.summary)).toContain(c.caseNumber);
    // The API route gives the same file; a stranger's browser gets nothing.
    const api = await t
      .http()
      .get(`/api/v1${href}`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(200);
    // The same entry; DTSTAMP is when each copy was made.
    const unstamped = (ics: string) => ics.replace(/^DTSTAMP:.*$/m, '');
    expect(unstamped(api.text)).toBe(unstamped(ics.text));
    const stranger = await newWorld(t);
    await (await signedIn(t, stranger.borrower.email, PASSWORD)).get(href).expect(404);
  });

  it('shows the agreement as PDF and text, and signs the version and hash shown, once confirmed', async () => {
    const c = await newCase(t, w, { status: 'awaiting_signatures' });
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const casePage = await agent.get(`/cases/${c.id}`).expect(200);
    expect(casePage.text).toContain('data-action="sign_agreement"');
    expect(casePage.text).toContain('<caption>还款计划</caption>');
    const page = await agent.get(`/cases/${c.id}/agreement`).expect(200);
    expect(dataPage(page.text)).toBe('agreement');
    const [v] = await t.dataSource.query(
      'SELECT version, draft_sha256 FROM agreement_versions WHERE case_id = $1',
      [c.id],
    );
    expect(page.text).toContain(`data-signing-sha256="${v.draft_sha256}"`);
    expect(page.text).toContain('人民币 8000.00 元');
    expect(page.text).toContain('<iframe class="pdf-frame"');
    const pdf = await agent.get(`/cases/${c.id}/agreement/pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline/);
    expect(pdf.headers['x-content-sha256']).toBe(v.draft_sha256);

    const fields = { version: String(v.version), sha256: v.draft_sha256 };
    const sign = `/cases/${c.id}/agreement/sign`;
    const unconfirmed = await submit(agent, `/cases/${c.id}/agreement`, sign, fields, 400);
    expect(textOf(unconfirmed.text, 'f-confirm-error')).toContain('请勾选以确认');
    const signatures = () =>
      count(
        t,
        `SELECT count(*)::int AS n FROM agreement_signatures s
           JOIN agreement_versions v ON v.id = s.agreement_version_id WHERE v.case_id = $1`,
        [c.id],
      );
    expect(await signatures()).toBe(0);
    const stale = await submit(
      agent,
      `/cases/${c.id}/agreement`,
      sign,
      {
        ...fields,
        sha256: 'a'.repeat(64),
        confirm: 'true',
      },
      409,
    );
    expect(stale.text).toMatch(/role="alert"[\s\S]*SHA-256/);
    await submit(agent, `/cases/${c.id}/agreement`, sign, { ...fields, confirm: 'true' }, 303);
    expect(await signatures()).toBe(1);
    const after = await agent.get(`/cases/${c.id}/agreement`).expect(200);
    expect(after.text).toContain('您已签署这一版本');
    expect(after.text).not.toContain(`action="${sign}"`);
  });

  it('links the list to each case with the deadline that runs now, and marks one notification read', async () => {
    const c = await newCase(t, w, { status: 'lender_notified' });
    const agent = await signedIn(t, w.borrower.email, PASSWORD);
    const list = await agent.get('/cases').expect(200);
    expect(list.text).toContain(`<a href="/cases/${c.id}">${c.caseNumber}</a>`);
    // The lender's window starts at service, not at the clerk's click.
    expect(list.text).toContain('通知尚未送达，期限自送达次日起算');
    await serveNotice(t, c.id, 'accept', 'lender');
    const served = await agent.get('/cases').expect(200);
    expect(served.text).toContain('对方答复截止');
    const page = await agent.get(`/cases/${c.id}`).expect(200);
    expect(page.text).toMatch(/class="derivation">\d+ (个工作)?日，自 .+送达次日起算.*24:00届满/);
    const inbox = await agent.get('/notifications').expect(200);
    const id = /action="\/notifications\/([0-9a-f-]{36})\/read"/.exec(inbox.text)![1];
    const unread = () =>
      count(t, 'SELECT count(*)::int AS n FROM notifications WHERE id = $1 AND read_at IS NULL', [
        id,
      ]);
    expect(await unread()).toBe(1);
    await submit(agent, '/notifications', `/notifications/${id}/read`, {}, 303);
    expect(await unread()).toBe(0);
  });
});
