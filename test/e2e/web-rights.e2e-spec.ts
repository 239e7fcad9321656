import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { signedIn } from './support/pages';
import { dataPage, submit } from './web-pages';

describe('web pages: /me, a borrower’s data and rights, without JavaScript', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
  });
  afterAll(() => t.close());

  it('downloads the borrower’s own data and corrects the service address, each recorded', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const agent = await signedIn(t, w.borrower.email, 'borrower-password-1');
    const page = await agent.get('/me').expect(200);
    expect(dataPage(page.text)).toBe('me');
    const file = await agent.get('/me/data.json').expect(200);
    expect(file.headers['content-disposition']).toContain('my-data.json');
    const data = JSON.parse(file.text);
    expect(data.cases.map((x: { case: { id: string } }) => x.case.id)).toContain(c.id);

    const bad = await submit(agent, '/me', '/me/contact', { phone: '12' }, 400);
    expect(bad.text).toContain('aria-invalid="true"');
    await submit(agent, '/me', '/me/contact', { postalAddress: '广州市天河区体育西路 1 号' }, 303);
    const [row] = await t.dataSource.query(
      `SELECT postal_address, reason FROM service_addresses WHERE case_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [c.id],
    );
    expect(row).toEqual({ postal_address: '广州市天河区体育西路 1 号', reason: 'change' });
    const after = await agent.get('/me').expect(200);
    expect(after.text).toContain('data-request="access"');
    expect(after.text).toContain('data-request="correction"');

    const other = await newWorld(t);
    const stranger = await signedIn(t, other.borrower.email, 'borrower-password-1');
    const theirs = JSON.parse((await stranger.get('/me/data.json').expect(200)).text);
    expect(theirs.cases).toEqual([]);
    const clerk = await signedIn(t, w.clerk.email, 'staff-password-123');
    expect((await clerk.get('/me')).status).toBe(403);
  });
});
