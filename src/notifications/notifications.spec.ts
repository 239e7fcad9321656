import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { CaseRecord } from '../cases/case.entity';
import { Organization } from '../organizations/organization.entity';
import { transitionFor } from '../workflow/transitions';
import { buildMailContext, formatInstant, flattenInput } from './mail-context.builder';
import {
  describeFailure,
  isPermanentFailure,
  messageIdFor,
  retryDelayMs,
  toMessage,
} from './mail-message';
import type { MailOutbox } from './mail-outbox.entity';
import { renderMail } from './mail-templates';
import { assertNotifyMatchesTemplates, inAppBody, kindOf } from './notification-plan';

const tellsActor = (action: string) => {
  const t = transitionFor(action);
  return !!t && 'notifyActor' in t && t.notifyActor;
};

describe('who is told of what', () => {
  it('every transition notifies exactly the recipients its templates are written for', () => {
    expect(() => assertNotifyMatchesTemplates()).not.toThrow();
  });

  it('names a mail kind per action and recipient, and refuses one no template is meant for', () => {
    expect(kindOf('accept', 'lender')).toBe('accept.lender');
    expect(kindOf('resubmit', 'clerk')).toBe('resubmit.clerk');
    expect(() => kindOf('lender_accept', 'lender')).toThrow('no mail template');
  });

  it('shows in the app what the mail says, without the mail footer', () => {
    const mail = renderMail('reject.borrower', 'en', {
      ...buildMailContext({
        case: Object.assign(new CaseRecord(), {
          id: 'c1',
          caseNumber: 'MED-2026-000001',
          locale: 'en',
          status: 'rejected',
          borrowerName: 'Zhang San',
          lenderOrganization: Object.assign(new Organization(), { name: 'Lender Ltd' }),
          mediator: undefined,
          lenderResponseDueAt: null,
          mediationDueAt: null,
          loanOutstandingFen: 965040,
          loanContractNumber: 'HFQ-1',
          proposal: { installments: 12, requestWaiver: true, note: null },
        }),
        recipientName: 'Zhang San',
        input: { reason: 'Not admissible.' },
        publicBaseUrl: 'https://mediation.example.cn',
        checkCode: '7QF3M-9DXR2',
        periods: { lenderResponse: '7 days', mediationTerm: '30 days' },
      }),
    });
    expect(mail.text).toContain('This is a service message');
    const body = inAppBody(mail.text);
    expect(body).toContain('Not admissible.');
    expect(body).toContain('https://mediation.example.cn/cases/c1');
    expect(body).not.toContain('This is a service message');
    expect(body).not.toMatch(/--$/);
  });

  it('tells the actor only where the mail carries something for them', () => {
    expect(tellsActor('schedule_session')).toBe(true);
    expect(tellsActor('sign_agreement')).toBe(true);
    expect(tellsActor('request_info')).toBe(false);
  });
});

describe('mail context', () => {
  it('shows instants in Beijing time, labelled in the case’s language', () => {
    const at = new Date('2026-12-03T10:00:00Z');
    expect(formatInstant(at, 'zh-CN')).toBe('2026-12-03 18:00 (北京时间)');
    expect(formatInstant(at, 'en')).toBe('2026-12-03 18:00 (Beijing time)');
  });

  it('flattens the input to strings, lifting a counter-proposal’s fields', () => {
    expect(
      flattenInput({
        reason: '理由',
        days: 5,
        counterProposal: { settlementAmount: '8000.00', installments: 12, note: 'n', reason: 'x' },
        clauses: ['a'],
      }),
    ).toEqual({
      reason: '理由',
      days: '5',
      settlementAmount: '8000.00',
      installments: '12',
      note: 'n',
    });
  });
});

const row = (over: Partial<MailOutbox> = {}): MailOutbox =>
  ({
    id: '3f1c6b9e-6c1a-4d53-9a8e-1b2c3d4e5f60',
    toAddress: 'zhang@example.test',
    toName: '张三',
    subject: '您的调解申请已受理（案号 MED-2026-000001）',
    textBody: '张三，您好：\n\n正文。\n',
    htmlBody: '<p>张三，您好：</p>',
    attachments: [],
    messageId: '<3f1c6b9e-6c1a-4d53-9a8e-1b2c3d4e5f60@mediation.local>',
    ...over,
  }) as MailOutbox;

async function compose(mail: MailOutbox, dataDir = tmpdir()): Promise<string> {
  const t = createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  const info = await t.sendMail(toMessage(mail, '调解中心 <no-reply@mediation.local>', dataDir));
  return (info.message as Buffer).toString('utf8');
}

describe('mail message', () => {
  it('derives a stable Message-ID from the outbox row, on the sender’s domain', () => {
    expect(messageIdFor('abc', '调解中心 <no-reply@mediation.local>')).toBe(
      '<abc@mediation.local>',
    );
    expect(messageIdFor('abc', 'mail@tiaojie.example.cn')).toBe('<abc@tiaojie.example.cn>');
  });

  it('lets nodemailer write every header: Chinese encoded, the row’s Message-ID kept', async () => {
    const raw = await compose(row());
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^Message-ID: <3f1c6b9e-6c1a-4d53-9a8e-1b2c3d4e5f60@mediation\.local>$/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(head).toMatch(/^To: =\?UTF-8\?.*<zhang@example\.test>$/m);
    expect([...head].every((ch) => ch.charCodeAt(0) < 128)).toBe(true);
    expect(raw).toContain('multipart/alternative');
  });

  it('sends a calendar invite as an iCalendar event and other attachments as files', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    const raw = await compose(
      row({
        attachments: [
          {
            filename: 'invite.ics',
            contentType: 'text/calendar',
            contentBase64: Buffer.from(ics).toString('base64'),
            icalMethod: 'REQUEST',
          },
          {
            filename: 'agreement.pdf',
            contentType: 'application/pdf',
            contentBase64: Buffer.from('%PDF-1.7').toString('base64'),
          },
        ],
      }),
    );
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(raw).toMatch(/Content-Type: application\/pdf; name=agreement\.pdf/);
  });

  it('reads a stored attachment (the sealed agreement) from DATA_DIR when it sends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mail-attachment-'));
    mkdirSync(join(dataDir, 'agreements'));
    const pdf = Buffer.from('%PDF-1.7 sealed bytes');
    writeFileSync(join(dataDir, 'agreements', 'v1-sealed.pdf'), pdf);
    const raw = await compose(
      row({
        attachments: [
          {
            filename: 'MED-2026-000001-agreement-v1-sealed.pdf',
            contentType: 'application/pdf',
            dataPath: join('agreements', 'v1-sealed.pdf'),
          },
        ],
      }),
      dataDir,
    );
    expect(raw).toContain(pdf.toString('base64'));
    await expect(
      compose(
        row({
          attachments: [
            { filename: 'x.pdf', contentType: 'application/pdf', dataPath: 'gone.pdf' },
          ],
        }),
        dataDir,
      ),
    ).rejects.toThrow(/ENOENT/);
  });

  it('gives up at once on a permanent SMTP refusal only', () => {
    expect(isPermanentFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
    expect(describeFailure({ code: 'EENVELOPE', response: '550 no such user' })).toBe(
      'EENVELOPE: 550 no such user',
    );
  });

  it('with the default 10 attempts, the last comes about 3.6 hours after the first', () => {
    const waited = [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((ms, n) => ms + retryDelayMs(n), 0);
    expect(waited / 3_600_000).toBeGreaterThan(3.5);
    expect(waited / 3_600_000).toBeLessThan(3.6);
  });
});
