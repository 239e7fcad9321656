import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { readPdf, squash } from '../../src/common/pdf-reading.fixtures';
import { createStaff, newWorld } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { judicialApi, PDF, settledWithEvidence } from './support/judicial';
import { startReceiver } from './support/lender';
import { loadPdfWorker } from './support/pdf';

/*
 * The 司法确认 hand-off of a settled case (issue 16): either party asks, both join, the centre
 * produces the application and the packet, a clerk records what the court did.
 */
describe('judicial confirmation: ask, join, documents, outcome', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let api: ReturnType<typeof judicialApi>;
  beforeAll(async () => {
    await loadPdfWorker();
    receiver = await startReceiver();
    t = await startTestApp({ RUN_WORKER: 'false', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    api = judicialApi(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const timeline = async (caseId: string) =>
    (await t.dataSource.query(
      `SELECT action, from_status, to_status, actor_role, actor_user_id, input FROM case_events
        WHERE case_id = $1 AND action LIKE 'judicial_confirmation_%' ORDER BY id`,
      [caseId],
    )) as {
      action: string;
      from_status: string;
      to_status: string;
      actor_role: string;
      actor_user_id: string;
      input: Record<string, unknown>;
    }[];
  const webhooks = async (caseId: string) =>
    (
      (await t.dataSource.query(
        `SELECT payload FROM webhook_deliveries WHERE case_id = $1 ORDER BY seq`,
        [caseId],
      )) as { payload: { type: string; action: string; case: { status: string } } }[]
    ).map((r) => r.payload);

  it('either party asks once, both join, the clerk records applied then confirmed: each step on the timeline and to the lender', async () => {
    const w = await newWorld(t);
    const c = await settledWithEvidence(t, w);
    await t
      .http()
      .post(`/api/v1/organizations/${w.lender.id}/webhooks`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .send({ url: receiver.url })
      .expect(201);

    const asked = await api.ask(w.lenderRep.token, c.id).expect(201);
    expect(asked.body).toMatchObject({
      caseNumber: c.caseNumber,
      status: 'requested',
      court: '北京市朝阳区人民法院',
      requestedBy: 'lender',
      created: true,
      parties: [
        { party: 'borrower', joinedAt: null },
        { party: 'lender', joinedAt: null },
      ],
      deadline: { unit: 'calendar_days', length: 30 },
    });
    expect(asked.body.verificationCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // The other party asks too: one request per case, the one there is.
    const again = await api.ask(w.borrower.token, c.id).expect(200);
    expect(again.body).toMatchObject({ requestedBy: 'lender', created: false });

    const borrowerJoined = await api.join(w.borrower.token, c.id).expect(200);
    expect(borrowerJoined.body.status).toBe('requested');
    expect(borrowerJoined.body.parties[0]).toMatchObject({
      party: 'borrower',
      joinedBy: w.borrower.id,
      joinedAt: expect.stringMatching(/\+08:00$/),
    });
    // Joining twice changes nothing.
    const twice = await api.join(w.borrower.token, c.id).expect(200);
    expect(twice.body.parties[0].joinedAt).toBe(borrowerJoined.body.parties[0].joinedAt);
    const both = await api.join(w.lenderRep.token, c.id).expect(200);
    expect(both.body.status).toBe('ready');
    expect(both.body.parties[1]).toMatchObject({ party: 'lender', joinedBy: w.lenderRep.id });

    const applied = await api.outcome(w.clerk.token, c.id, { outcome: 'applied' }).expect(200);
    expect(applied.body).toMatchObject({ status: 'applied', outcomeNote: null });
    const confirmed = await api
      .outcome(w.clerk.token, c.id, { outcome: 'confirmed', note: '（2030）京0105民特123号' })
      .expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      outcomeNote: '（2030）京0105民特123号',
    });
    // Once ruled on, nothing more to record.
    await api.outcome(w.clerk.token, c.id, { outcome: 'refused', note: '重复' }).expect(409);
    expect((await api.get(w.mediator.token, c.id).expect(200)).body.status).toBe('confirmed');

    const steps = await timeline(c.id);
    expect(steps.map((e) => [e.action, e.actor_role])).toEqual([
      ['judicial_confirmation_requested', 'lender'],
      ['judicial_confirmation_joined', 'borrower'],
      ['judicial_confirmation_joined', 'lender'],
      ['judicial_confirmation_applied', 'clerk'],
      ['judicial_confirmation_confirmed', 'clerk'],
    ]);
    expect(steps.every((e) => e.from_status === 'settled' && e.to_status === 'settled')).toBe(true);
    expect(steps[2].input).toMatchObject({ party: 'lender', bothJoined: true });
    expect(steps[4].input).toMatchObject({ note: '（2030）京0105民特123号' });
    expect(steps[3].actor_user_id).toBe(w.clerk.id);

    expect((await webhooks(c.id)).map((p) => [p.type, p.action])).toEqual(
      steps.map((e) => ['judicial_confirmation.updated', e.action]),
    );
  });

  it('produces the application, read back, and the packet with the sealed agreement and the evidence, listed', async () => {
    const w = await newWorld(t);
    const c = await settledWithEvidence(t, w);
    await api.ask(w.borrower.token, c.id).expect(201);
    await api.join(w.borrower.token, c.id).expect(200);

    const application = await api.file(w.borrower.token, c.id, 'application.pdf').expect(200);
    expect(application.headers['content-type']).toBe('application/pdf');
    const { flat } = await readPdf(application.body as Buffer);
    const code = (await api.get(w.borrower.token, c.id)).body.verificationCode as string;
    const borrower = await t.dataSource.query(`SELECT name FROM users WHERE id = $1`, [
      w.borrower.id,
    ]);
    for (const phrase of [
      '司法确认申请书',
      `申请人一（借款人）：${borrower[0].name}`,
      `申请人二（贷款机构）：${w.lender.name}`,
      `请求北京市朝阳区人民法院确认`,
      `调解案号：${c.caseNumber}`,
      code,
      '此致北京市朝阳区人民法院',
      '已在调解平台确认共同申请',
      '失业证明.pdf',
    ]) {
      expect(flat).toContain(squash(phrase));
    }
    // The ID number as the agreement prints it: masked, never whole.
    expect(flat).not.toContain(w.borrower.idNumber);

    const packet = await api.file(w.lenderRep.token, c.id, 'packet.zip').expect(200);
    expect(packet.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(packet.body as Buffer));
    const names = Object.keys(entries).sort();
    expect(names).toEqual([
      '00-材料清单.txt',
      '01-司法确认申请书.pdf',
      expect.stringMatching(/^02-调解协议书-.+-sealed\.pdf$/),
      '03-证据材料/01-失业证明.pdf',
    ]);
    const sealed = await t
      .http()
      .get(`/api/v1/cases/${c.id}/agreement/pdf`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    // The sealed agreement exactly as stored (its seal intact), the evidence as uploaded.
    expect(sha(entries[names[2]])).toBe(sha(sealed.body as Buffer));
    expect(Buffer.from(entries['03-证据材料/01-失业证明.pdf']).equals(PDF)).toBe(true);
    const list = strFromU8(entries['00-材料清单.txt']);
    expect(list).toContain(c.caseNumber);
    for (const name of names.slice(1)) {
      expect(list).toContain(
        `${name}（${entries[name].length} 字节，SHA-256 ${sha(entries[name])}）`,
      );
    }
  });

  it('lets only the parties ask and join and only the centre’s clerks record; others are refused', async () => {
    const w = await newWorld(t);
    const c = await settledWithEvidence(t, w);
    const stranger = await newWorld(t);
    // Not their case: not found, whoever they are.
    for (const token of [stranger.borrower.token, stranger.lenderRep.token]) {
      await api.ask(token, c.id).expect(404);
    }
    // The case's own staff see it but are not parties.
    for (const token of [w.mediator.token, w.clerk.token]) {
      const refused = await api.ask(token, c.id).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    await api.get(w.borrower.token, c.id).expect(404);
    await api.join(w.borrower.token, c.id).expect(404);
    await api.ask(w.borrower.token, c.id).expect(201);
    await api.join(w.mediator.token, c.id).expect(403);
    await api.join(stranger.borrower.token, c.id).expect(404);
    await api.get(stranger.borrower.token, c.id).expect(404);
    await api.file(stranger.lenderRep.token, c.id, 'packet.zip').expect(404);

    // Outcomes: only a clerk, and only of this centre; in order; a refusal says why.
    for (const token of [w.borrower.token, w.lenderRep.token, w.mediator.token]) {
      await api.outcome(token, c.id, { outcome: 'applied' }).expect(403);
    }
    const otherClerk = await createStaff(t, 'clerk', stranger.center.id);
    await api.outcome(otherClerk.token, c.id, { outcome: 'applied' }).expect(404);
    const early = await api.outcome(w.clerk.token, c.id, { outcome: 'applied' }).expect(409);
    expect(early.body.message).toContain('both parties must join');
    await api.join(w.borrower.token, c.id).expect(200);
    await api.join(w.lenderRep.token, c.id).expect(200);
    const unknown = await api.outcome(w.clerk.token, c.id, { outcome: 'won' }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    await api.outcome(w.clerk.token, c.id, { outcome: 'confirmed' }).expect(409);
    await api.outcome(w.clerk.token, c.id, { outcome: 'applied' }).expect(200);
    const bare = await api.outcome(w.clerk.token, c.id, { outcome: 'refused' }).expect(400);
    expect(new Set(bare.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['note']),
    );
    await api.outcome(w.clerk.token, c.id, { outcome: 'refused', note: '   ' }).expect(400);
    expect((await api.get(w.clerk.token, c.id)).body.status).toBe('applied');
    const refused = await api
      .outcome(w.clerk.token, c.id, { outcome: 'refused', note: '协议内容需进一步核实' })
      .expect(200);
    expect(refused.body).toMatchObject({ status: 'refused', outcomeNote: '协议内容需进一步核实' });

    // Before settlement there is nothing to confirm.
    const open = await newCase(t, w, { status: 'awaiting_signatures' });
    const notYet = await api.ask(w.borrower.token, open.id).expect(409);
    expect(notYet.body.code).toBe('INVALID_TRANSITION');
    await api.get(w.borrower.token, open.id).expect(404);
  });
});
