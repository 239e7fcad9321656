import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A leaf of a received MIME message, decoded. */
export interface MailPart {
  contentType: string;
  filename: string | null;
  /** `attachment`, `inline`, or null. */
  disposition: string | null;
  content: Buffer;
}

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** The message as the server received it. */
  raw: string;
  /** Header values by lower-case name, unfolded, RFC 2047 words decoded. */
  headers: Record<string, string>;
  messageId: string;
  subject: string;
  from: string;
  to: string;
  /** The text/plain and text/html bodies, decoded to strings. */
  text: string;
  html: string;
  parts: MailPart[];
}

/** Refuses a recipient with an SMTP reply, e.g. `{ code: 550, message: 'no such user' }`. */
export type RcptPolicy = (address: string) => { code: number; message: string } | null;

export interface TestSmtp {
  port: number;
  /** For SMTP_URL: plain SMTP on loopback, no TLS, no auth. */
  url: string;
  received: ReceivedMail[];
  rcptPolicy: RcptPolicy | null;
  /** Stops listening (connections are refused, as from a server that is down). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Waits until `predicate` holds over the mail received so far; fails after `timeoutMs`. */
  waitFor(
    predicate: (mail: ReceivedMail[]) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<ReceivedMail[]>;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  const smtp: TestSmtp = {
    port,
    url: '',
    received,
    rcptPolicy: null,
    async start() {
      const s = new SMTPServer({
        secure: false,
        disabledCommands: ['STARTTLS', 'AUTH'],
        authOptional: true,
        logger: false,
        onRcptTo(address, _session, callback) {
          const refusal = smtp.rcptPolicy?.(address.address);
          if (!refusal) return callback();
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('latin1');
            received.push(
              parseMail(
                raw,
                session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                session.envelope.rcptTo.map((r) => r.address),
              ),
            );
            callback();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        s.server.once('error', reject);
        s.listen(smtp.port, '127.0.0.1', () => resolve());
      });
      smtp.port = (s.server.address() as AddressInfo).port;
      smtp.url = `smtp://127.0.0.1:${smtp.port}`;
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async waitFor(predicate, what, timeoutMs = 20_000) {
      await until(async () => predicate(received), what, timeoutMs);
      return received;
    },
  };
  await smtp.start();
  return smtp;
}

/** Polls `check` until it answers truthy; fails naming `what` after `timeoutMs`. */
export async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A minimal MIME reader, enough for what nodemailer writes (mailparser is not installed).

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const body = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '=' && /^[0-9A-F]{2}$/i.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(body.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047: adjacent encoded words are joined as bytes before decoding (a character may span two). */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  const flush = () => {
    if (pending.length) out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (let m = word.exec(value); m; m = word.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(pending.length && /^\s*$/.test(between))) {
      flush();
      out += utf8(between);
    }
    const [, , enc, text] = m;
    pending.push(
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
    last = m.index + m[0].length;
  }
  flush();
  return out + utf8(value.slice(last));
}

function splitHead(raw: string): { head: string; body: string } {
  const i = raw.search(/\r?\n\r?\n/);
  if (i < 0) return { head: raw, body: '' };
  const sep = /\r?\n\r?\n/.exec(raw.slice(i))![0];
  return { head: raw.slice(0, i), body: raw.slice(i + sep.length) };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function param(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const ext = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]+)`, 'i').exec(header);
  if (ext) return decodeURIComponent(ext[2].trim());
  const m = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(header);
  return m ? decodeWords(m[1]) : null;
}

function leaves(head: string, body: string): MailPart[] {
  const headers = parseHeaders(head);
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = param(contentType, 'boundary');
  if (/^multipart\//i.test(contentType) && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((s) => !s.startsWith('--'))
      .flatMap((s) => {
        const part = splitHead(s.replace(/^\r?\n/, ''));
        return leaves(part.head, part.body.replace(/\r?\n$/, ''));
      });
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const content =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1');
  const disposition = headers['content-disposition'];
  return [
    {
      contentType: contentType.split(';')[0].trim().toLowerCase(),
      filename: param(disposition, 'filename') ?? param(contentType, 'name'),
      disposition: disposition ? disposition.split(';')[0].trim().toLowerCase() : null,
      content,
    },
  ];
}

export function parseMail(raw: string, envelopeFrom = '', envelopeTo: string[] = []): ReceivedMail {
  const { head, body } = splitHead(raw);
  const rawHeaders = parseHeaders(head);
  const headers = Object.fromEntries(
    Object.entries(rawHeaders).map(([k, v]) => [k, decodeWords(v)]),
  );
  const parts = leaves(head, body);
  const bodyOf = (type: string) =>
    parts
      .find((p) => p.contentType === type && p.disposition !== 'attachment')
      ?.content.toString('utf8') ?? '';
  return {
    envelopeFrom,
    envelopeTo,
    raw,
    headers,
    messageId: headers['message-id'] ?? '',
    subject: headers.subject ?? '',
    from: headers.from ?? '',
    to: headers.to ?? '',
    text: bodyOf('text/plain'),
    html: bodyOf('text/html'),
    parts,
  };
}
