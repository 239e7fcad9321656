import { unzipSync } from 'fflate';
import type TestAgent from 'supertest/lib/agent';
import { beijingToday, newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { judicialApi } from './support/judicial';
import { asBytes } from './support/pdf';
import { signedIn, textOf } from './support/pages';
import { submit } from './web-pages';

const BORROWER_PASSWORD = 'borrower-password-1';
const STAFF_PASSWORD = 'staff-password-123';

/** The alert of a refused form, tags removed. */
const alertOf = (html: string) =>
  /role="alert">([\s\S]*?)<\/div>/
    .exec(html)?.[1]
    .replace(/<[^>]+>/g, '')
    .trim() ?? null;
const statusOf = (html: string) => /data-judicial-status="(\w+)"/.exec(html)?.[1] ?? null;
const forms = (html: string) =>
  [...html.matchAll(/data-action="(judicial-[a-z]+)"/g)].map((m) => m[1]);

/*
 * The 司法确认 section of the case page (issue 16): the same service methods as the API's
 * routes, by the page session and its CSRF token, with the API's roles and visibility.
 */
describe('web pages: judicial confirmation on the case page', () => {
  let t: TestApp;
  let w: World;
  let api: ReturnType<typeof judicialApi>;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    api = judicialApi(t);
  });
  afterAll(() => t.close());

  const download = (agent: TestAgent, path: string) => asBytes(agent.get(path));

  it('the borrower asks, the lender joins on its page, the borrower joins, the clerk records the outcome', async () => {
    const open = await newCase(t, w, { status: 'awaiting_signatures' });
    const c = await newCase(t, w, { status: 'settled' });
    const borrower = await signedIn(t, w.borrower.email, BORROWER_PASSWORD);
    const lender = await signedIn(t, w.lenderRep.email, STAFF_PASSWORD);
    const clerk = await signedIn(t, w.clerk.email, STAFF_PASSWORD);
    const page = `/cases/${c.id}`;
    const base = `${page}/judicial-confirmation`;
    expect((await borrower.get(`/cases/${open.id}`).expect(200)).text).not.toContain(
      'id="judicial"',
    );

    // Settled, nobody asked: the 30 days with their derivation and days left, the ask button.
    const before = (await borrower.get(page).expect(200)).text;
    expect(statusOf(before)).toBe('none');
    expect(forms(before)).toEqual(['judicial-ask']);
    expect(before).not.toContain('data-judicial="documents"');
    expect(before).toContain('北京市朝阳区人民法院');

    const asked = await submit(borrower, page, base, {}, 303);
    expect(asked.headers.location).toBe(`${page}#judicial`);
    const { body: j } = await api.get(w.borrower.token, c.id).expect(200);
    expect(j).toMatchObject({ requestedBy: 'borrower', status: 'requested' });
    const left = Math.round(
      (Date.parse(j.deadline.lastDay) - Date.parse(beijingToday())) / 86_400_000,
    );
    const mine = (await borrower.get(page).expect(200)).text;
    expect(mine).toContain('已提出司法确认申请');
    expect(statusOf(mine)).toBe('requested');
    expect(mine).toContain(`data-judicial="days-left">还有 ${left} 日<`);
    expect(mine).toContain(`datetime="${j.deadline.at}"`);
    expect(mine).toContain(j.deadline.description['zh-CN']);
    // Asking is not joining: the borrower is offered to join, and the documents.
    expect(forms(mine)).toEqual(['judicial-join']);
    expect(mine).toContain(`href="${base}/application.pdf"`);

    const theirs = (await lender.get(page).expect(200)).text;
    expect(forms(theirs)).toEqual(['judicial-join']);
    await submit(lender, page, `${base}/join`, {}, 303);
    await submit(borrower, page, `${base}/join`, {}, 303);
    const ready = (await lender.get(page).expect(200)).text;
    expect(statusOf(ready)).toBe('ready');
    expect(forms(ready)).toEqual([]);
    expect(ready).toContain('data-joined="lender">已确认共同申请于');

    const pdf = await download(borrower, `${base}/application.pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
    expect(pdf.headers['cache-control']).toBe('private, no-store');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const zip = await download(lender, `${base}/packet.zip`).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(Object.keys(unzipSync(zip.body as Buffer))).toContain('00-材料清单.txt');

    // The clerk: filed first; a ruling before filing is the API's conflict, shown on the form.
    const desk = (await clerk.get(page).expect(200)).text;
    expect(forms(desk)).toEqual(['judicial-outcome']);
    expect(desk).toContain('value="applied"');
    expect(desk).not.toContain('value="confirmed"');
    const early = await submit(clerk, page, `${base}/outcome`, { outcome: 'confirmed' }, 409);
    expect(alertOf(early.text)).toBe('申请向法院提交后，才能记录法院的裁定');
    expect((await api.get(w.clerk.token, c.id)).body.status).toBe('ready');
    const note = '（2030）京0105民特123号，2030-05-06 提交';
    await submit(clerk, page, `${base}/outcome`, { outcome: 'applied', note }, 303);
    expect((await api.get(w.clerk.token, c.id)).body).toMatchObject({
      status: 'applied',
      outcomeNote: note,
    });
    // Refused needs the court's reasons: beside the field, the choice kept.
    const bare = await submit(clerk, page, `${base}/outcome`, { outcome: 'refused' }, 400);
    expect(textOf(bare.text, 'f-judicial-note-error')).toContain('请填写此项');
    expect(bare.text).toMatch(/value="refused" checked/);
    const reason = '协议内容需进一步核实';
    await submit(clerk, page, `${base}/outcome`, { outcome: 'refused', note: reason }, 303);
    const after = (await borrower.get(page).expect(200)).text;
    expect(statusOf(after)).toBe('refused');
    expect(after).toContain('法院已裁定驳回申请');
    expect(after).toContain(reason);
    expect((await api.get(w.borrower.token, c.id)).body.status).toBe('refused');
  });

  it('a borrower or a lender of another case cannot see, act or download (404); others are refused by role (403)', async () => {
    const c = await newCase(t, w, { status: 'settled' });
    const base = `/cases/${c.id}/judicial-confirmation`;
    await api.ask(w.lenderRep.token, c.id).expect(201);
    const other = await newWorld(t);
    const strangers = [
      await signedIn(t, other.borrower.email, BORROWER_PASSWORD),
      await signedIn(t, other.lenderRep.email, STAFF_PASSWORD),
    ];
    for (const agent of strangers) {
      await agent.get(`/cases/${c.id}`).expect(404);
      await submit(agent, '/cases', base, {}, 404);
      await submit(agent, '/cases', `${base}/join`, {}, 404);
      await agent.get(`${base}/application.pdf`).expect(404);
      await agent.get(`${base}/packet.zip`).expect(404);
    }
    // Roles as the API's: a clerk does not ask or join, a party does not record the outcome.
    const clerk = await signedIn(t, w.clerk.email, STAFF_PASSWORD);
    const borrower = await signedIn(t, w.borrower.email, BORROWER_PASSWORD);
    await submit(clerk, `/cases/${c.id}`, `${base}/join`, {}, 403);
    await submit(borrower, `/cases/${c.id}`, `${base}/outcome`, { outcome: 'applied' }, 403);
    // A clerk of another centre does not see the case.
    const otherClerk = await signedIn(t, other.clerk.email, STAFF_PASSWORD);
    await submit(otherClerk, '/cases', `${base}/outcome`, { outcome: 'applied' }, 404);
    const { body } = await api.get(w.lenderRep.token, c.id).expect(200);
    expect(body.parties.every((x: { joinedAt: string | null }) => x.joinedAt === null)).toBe(true);
    expect(body.status).toBe('requested');
  });
});
