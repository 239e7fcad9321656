import {
  act,
  application,
  borrowerRegistration,
  createOrganization,
  createStaff,
  login,
} from './factories';
import { startTestApp, TestApp } from './harness';
import { browserAgent, submit, signUpInBrowser } from './web-pages';

describe('web pages: the case list and the inbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists a borrower’s own cases with their status in words, and nobody else’s', async () => {
    const center = await createOrganization(t, 'mediation_center');
    const lender = await createOrganization(t, 'lender');
    const clerk = await createStaff(t, 'clerk', center.id);
    const file = async (person: ReturnType<typeof borrowerRegistration>) => {
      const token = await login(t, person.email, person.password);
      const res = await t
        .http()
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${token}`)
        .send(application(lender.id, { mediationCenterId: center.id }))
        .expect(201);
      return res.body as { id: string; caseNumber: string };
    };
    const mine = borrowerRegistration();
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, mine);
    const other = borrowerRegistration();
    await signUpInBrowser(await browserAgent(t), other);
    const own = await file(mine);
    const theirs = await file(other);
    await act(t, clerk.token, own.id, 'request_info', { message: '请补充收入证明' }).then((r) =>
      expect(r.status).toBe(200),
    );

    const list = await agent.get('/cases').expect(200);
    expect(list.text).toContain(own.caseNumber);
    expect(list.text).toContain('data-status="needs_info"');
    expect(list.text).toContain('需要补充材料');
    expect(list.text).not.toContain(theirs.caseNumber);
  });

  it('marks every notification read with a form, then says so', async () => {
    const center = await createOrganization(t, 'mediation_center');
    const lender = await createOrganization(t, 'lender');
    const clerk = await createStaff(t, 'clerk', center.id);
    const person = borrowerRegistration();
    const agent = await browserAgent(t);
    await signUpInBrowser(agent, person);
    const token = await login(t, person.email, person.password);
    const filed = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send(application(lender.id, { mediationCenterId: center.id }))
      .expect(201);
    expect(
      (await act(t, clerk.token, filed.body.id, 'request_info', { message: '请补充' })).status,
    ).toBe(200);

    // The receipt of filing and the request for information.
    const inbox = await agent.get('/notifications').expect(200);
    expect(inbox.text).toContain('未读 2 条');
    expect(inbox.text).toContain(filed.body.caseNumber);
    const done = await submit(agent, '/notifications', '/notifications/read-all', {}, 303);
    expect(done.headers.location).toBe('/notifications');
    const after = await agent.get('/notifications').expect(200);
    expect(after.text).toContain('所有通知已标记为已读');
    expect(after.text).not.toContain('未读 2 条');
  });
});
