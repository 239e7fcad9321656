import { join } from 'node:path';
import type { SendMailOptions } from 'nodemailer';
import type { MailOutbox } from './mail-outbox.entity';

/** The job that delivers one outbox row; its key makes "is there a job for this mail?" a lookup. */
export const SEND_MAIL_TASK = 'send_mail';
export const mailJobKey = (outboxId: string) => `mail:${outboxId}`;

/**
 * A Message-ID fixed by the outbox row, on the sender's domain: every attempt at one mail
 * carries the same id, so a mail sent again after a lost acknowledgement is recognisably
 * the same message (mail clients and servers de-duplicate on it).
 */
export function messageIdFor(outboxId: string, mailFrom: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*"?\s*$/.exec(mailFrom)?.[1] ?? 'mediation.local';
  return `<${outboxId}@${domain}>`;
}

/** graphile-worker waits exp(min(attempt, 10)) seconds after a failed attempt. */
export const retryDelayMs = (attempt: number) => Math.round(Math.exp(Math.min(attempt, 10)) * 1000);

/**
 * The row as nodemailer's message: every header is set through the library's own fields
 * (it encodes Chinese names and subjects as RFC 2047 words and picks the body encoding), none
 * is written by hand. A calendar invite goes as `icalEvent`, so clients offer to add it.
 */
export function toMessage(row: MailOutbox, mailFrom: string, dataDir: string): SendMailOptions {
  const ical = row.attachments.find((a) => 'icalMethod' in a && a.icalMethod);
  return {
    from: mailFrom,
    to: { name: row.toName, address: row.toAddress },
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    messageId: row.messageId,
    attachments: row.attachments
      .filter((a) => a !== ical)
      .map((a) =>
        'dataPath' in a
          ? { filename: a.filename, contentType: a.contentType, path: join(dataDir, a.dataPath) }
          : {
              filename: a.filename,
              contentType: a.contentType,
              content: a.contentBase64,
              encoding: 'base64',
            },
      ),
    ...(ical && 'contentBase64' in ical
      ? {
          icalEvent: {
            method: ical.icalMethod,
            filename: ical.filename,
            content: Buffer.from(ical.contentBase64, 'base64').toString('utf8'),
          },
        }
      : {}),
  };
}

/** An SMTP error worth no retry: the server refused for good (5xx), e.g. an unknown mailbox. */
export function isPermanentFailure(e: unknown): boolean {
  const code = (e as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** What an admin needs to see of a failure: the SMTP reply or the network error, no stack. */
export function describeFailure(e: unknown): string {
  const err = e as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const parts = [
    typeof err?.code === 'string' ? err.code : null,
    typeof err?.response === 'string' ? err.response : String(err?.message ?? e),
  ];
  return parts.filter(Boolean).join(': ').slice(0, 2000);
}
