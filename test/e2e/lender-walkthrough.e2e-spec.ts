import { act, fileCase, newWorld, World, debtStatement } from './factories';
import type { TestApp } from './harness';
import { until } from './smtp';
import { startSession } from './support/session-started';
import type { TestSmtp } from './smtp';
import {
  BEARER,
  Cred,
  example,
  flushExamples,
  KEY_HEADER,
  LenderDesk,
  rawExample,
  startReceiver,
  verifyMediationSignature,
} from './support/lender';

describe('lender integration: the whole walk-through', () => {
  let desk: LenderDesk;
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    desk = await LenderDesk.start();
    ({ t, smtp } = desk);
  });
  afterAll(async () => {
    flushExamples();
    await desk.close();
  });
  const http = (cred: Cred) => desk.http(cred);
  const asAdmin = () => desk.asAdmin();
  const issueKey = (organizationId: string) => desk.issueKey(organizationId);
  const deliveries = (w: World, webhookId: string, query = '') =>
    desk.deliveries(w, webhookId, query);

  it('from accept to signature: mail and signed webhooks to the lender, its counter-proposal to the mediator, its signature by key', async () => {
    const w = await newWorld(t);
    const receiver = await startReceiver();
    try {
      const hook = await asAdmin().post(`/organizations/${w.lender.id}/webhooks`, {
        url: receiver.url,
      });
      expect(hook.status).toBe(201);
      expect(hook.body).toMatchObject({ url: receiver.url, active: true });
      expect(hook.body.secret).toMatch(/^whsec_[\w-]{43}$/);
      example('Register a webhook (admin)', hook, { url: receiver.url }, BEARER);
      const listed = await asAdmin().get(`/organizations/${w.lender.id}/webhooks`).expect(200);
      expect(listed.body).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
      const [stored] = await t.dataSource.query(
        'SELECT secret FROM webhook_endpoints WHERE id = $1',
        [hook.body.id],
      );
      expect(stored.secret).not.toContain(hook.body.secret.slice(6));

      const key = await issueKey(w.lender.id);
      const borrower = await t.dataSource.query(
        'SELECT phone, id_number FROM users WHERE id = $1',
        [w.borrower.id],
      );
      const filed = await fileCase(t, w, { mediationCenterId: w.center.id });
      const accepted = await act(t, w.clerk.token, filed.id, 'accept', {
        mediatorId: w.mediator.id,
      });
      expect(accepted.status).toBe(200);

      // The mail to the lender's contact address: what the case needs, nothing more personal.
      const [mail] = (
        await smtp.waitFor(
          (m) => m.some((x) => x.envelopeTo.includes(w.lender.contactEmail)),
          'the lender’s mail',
        )
      ).filter((x) => x.envelopeTo.includes(w.lender.contactEmail));
      const mailText = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const needed of [
        filed.caseNumber,
        w.borrower.name,
        accepted.body.loan.contractNumber,
        '9650.40',
      ]) {
        expect(mailText).toContain(needed);
      }
      rawExample(
        'The mail to the lender’s contact address (text part)',
        `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`,
      );
      expect(mailText).not.toContain(borrower[0].phone);
      expect(mailText).not.toContain(borrower[0].id_number);
      const inbox = await http({ token: w.lenderRep.token }).get('/notifications').expect(200);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ caseId: filed.id })]),
      );

      // The webhook: signed, identified, and without borrower data.
      const [event] = await until(
        async () => receiver.forCase(filed.id).length > 0 && receiver.forCase(filed.id),
        'the accept webhook',
      );
      expect(event.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        type: 'case.accept',
        occurredAt: expect.any(String),
        case: {
          id: filed.id,
          caseNumber: filed.caseNumber,
          status: 'lender_notified',
          closureReason: null,
          lenderResponseDueAt: accepted.body.lenderResponseDueAt,
          mediationDueAt: accepted.body.mediationDueAt,
          version: accepted.body.version,
        },
        action: 'accept',
        from: 'submitted',
        to: 'lender_notified',
      });
      expect(event.headers['content-type']).toMatch(/^application\/json/);
      expect(event.headers['x-mediation-event-id']).toBe(event.body.id);
      expect(event.headers['x-mediation-delivery-attempt']).toBe('1');
      const signature = String(event.headers['x-mediation-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyMediationSignature(event.raw, signature, hook.body.secret)).toBe(true);
      expect(verifyMediationSignature(`${event.raw} `, signature, hook.body.secret)).toBe(false);
      for (const personal of [w.borrower.name, borrower[0].phone, borrower[0].id_number]) {
        expect(event.raw).not.toContain(personal);
      }
      rawExample(
        'A webhook POST as the receiver got it',
        `POST /mediation-events\ncontent-type: ${event.headers['content-type']}\nx-mediation-signature: ${signature}\nx-mediation-event-id: ${event.headers['x-mediation-event-id']}\nx-mediation-delivery-attempt: 1\n\n${event.raw}\n\n(secret ${hook.body.secret})`,
      );

      // The lender's system finds the case and answers with a counter-proposal.
      const lender = http(key);
      const found = await lender
        .get(
          `/cases?status=lender_notified&contractNumber=${encodeURIComponent(accepted.body.loan.contractNumber)}`,
        )
        .expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([filed.id]);
      example(
        'List your cases waiting for an answer, by contract number',
        found,
        undefined,
        KEY_HEADER,
      );
      // Each delivered notice (the webhook to the lender, the mail to the applicant) is recorded
      // on the case, a new version each: read it once both are, so If-Match stays current.
      const seen = await until(async () => {
        const r = await lender.get(`/cases/${filed.id}`).expect(200);
        const served = [r.body.lenderResponseDue?.status, r.body.mediationDue?.status];
        return served.every((s) => s === 'started') ? r : null;
      }, 'both acceptance notices served');
      expect(seen.body.borrower.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(seen.body.borrower.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(seen.body.allowedActions).toEqual(['lender_accept', 'lender_decline']);
      example('Read one case', seen, undefined, KEY_HEADER);
      const counterProposal = {
        settlementAmount: '8000.00',
        installments: 10,
        waivedAmount: '1650.40',
        note: '同意调解，可减免罚息',
      };
      const answered = await lender
        .post(`/cases/${filed.id}/actions/lender_accept`, {
          debtStatement: debtStatement(),
          counterProposal,
        })
        .set('If-Match', String(seen.body.version))
        .set('Idempotency-Key', `answer-${filed.id}`);
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ status: 'awaiting_session', counterProposal });
      example(
        'Agree to mediate, with a counter-proposal',
        answered,
        { counterProposal },
        `${KEY_HEADER}If-Match: ${seen.body.version}\nIdempotency-Key: answer-${filed.id}\n`,
      );

      const byMediator = await http({ token: w.mediator.token })
        .get(`/cases/${filed.id}`)
        .expect(200);
      expect(byMediator.body.counterProposal).toEqual(counterProposal);
      const events = await lender.get(`/cases/${filed.id}/events`).expect(200);
      example(
        'The timeline: an answer by key is the organization’s',
        events,
        undefined,
        KEY_HEADER,
      );
      expect(events.body.at(-1)).toMatchObject({
        action: 'lender_accept',
        actor: { role: 'lender', userId: null, apiKeyId: key.id, organizationId: w.lender.id },
      });
      // The lender hears of each notice's service too: its window runs from its own.
      const log = await until(async () => {
        const items = await deliveries(w, hook.body.id);
        return items.every((d) => d.status === 'delivered') && items.length === 4 && items;
      }, 'the lender_accept webhook');
      const types = receiver.forCase(filed.id).map((r) => r.body.type);
      expect(types[0]).toBe('case.accept');
      expect(types.at(-1)).toBe('case.lender_accept');
      expect([...types].sort()).toEqual([
        'case.accept',
        'case.lender_accept',
        'case.record_borrower_service',
        'case.record_lender_service',
      ]);
      expect(log.map((d) => [d.type, d.status, d.attemptCount])[0]).toEqual([
        'case.lender_accept',
        'delivered',
        1,
      ]);
      expect(log.every((d) => d.attemptCount === 1)).toBe(true);
      example(
        'The deliveries of a webhook, with their attempts (admin)',
        await asAdmin()
          .get(`/organizations/${w.lender.id}/webhooks/${hook.body.id}/deliveries?limit=1`)
          .expect(200),
        undefined,
        BEARER,
      );

      // Later: a session, a draft agreement, and the lender's signature through its key.
      const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
      const scheduled = await act(t, w.mediator.token, filed.id, 'schedule_session', {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        mode: 'online',
        meetingUrl: 'https://meet.example.test/room-1',
      });
      expect(scheduled.status).toBe(200);
      await startSession(t, filed.id);
      const drafted = await act(t, w.mediator.token, filed.id, 'draft_agreement', {
        settlementAmount: '8000.00',
        installments: 10,
        firstDueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        waivedAmount: '1650.40',
        payment: { channel: '好分期 App “我的账单—还款”' },
      });
      expect(drafted.body.status).toBe('awaiting_signatures');
      const agreement = await lender.get(`/cases/${filed.id}/agreement`).expect(200);
      expect(agreement.body).toMatchObject({ version: 1, signatures: [] });
      example('Read the agreement to sign', agreement, undefined, KEY_HEADER);
      const signature1 = { version: agreement.body.version, sha256: agreement.body.sha256 };
      const signed = await lender.post(`/cases/${filed.id}/actions/sign_agreement`, signature1);
      expect(signed.status).toBe(200);
      expect(signed.body.status).toBe('awaiting_signatures');
      example('Sign the agreement', signed, signature1, KEY_HEADER);
      expect(signed.body.status).toBe('awaiting_signatures');
      const both = await act(t, w.borrower.token, filed.id, 'sign_agreement', signature1);
      expect(both.body.status).toBe('awaiting_signatures');
      const settled = await act(t, w.mediator.token, filed.id, 'confirm_agreement', signature1);
      expect(settled.body.status).toBe('settled');
      const signers = (await lender.get(`/cases/${filed.id}/agreement`).expect(200)).body
        .signatures;
      expect(signers).toEqual([
        expect.objectContaining({ party: 'lender', name: '王芳', capacity: 'signing_agent' }),
        expect.objectContaining({ party: 'borrower', name: w.borrower.name, capacity: 'self' }),
        expect.objectContaining({ party: 'mediator', name: w.mediator.name, capacity: 'mediator' }),
      ]);
      await until(
        async () => receiver.forCase(filed.id).length >= 9,
        'the webhooks up to settlement',
      );
      const steps = receiver
        .forCase(filed.id)
        .filter((r) => !/^case\.record_\w+_service$/.test(r.body.type));
      expect(steps.map((r) => [r.body.type, r.body.case.status])).toEqual([
        ['case.accept', 'lender_notified'],
        ['case.lender_accept', 'awaiting_session'],
        ['case.schedule_session', 'session_scheduled'],
        ['case.draft_agreement', 'awaiting_signatures'],
        ['case.sign_agreement', 'awaiting_signatures'],
        ['case.sign_agreement', 'awaiting_signatures'],
        ['case.confirm_agreement', 'settled'],
      ]);
    } finally {
      await receiver.close();
    }
  });
});
