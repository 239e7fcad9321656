import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseRecord } from '../cases/case.entity';
import type { MailContext, MailRecipient } from './mail-context';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Base64, so it survives the outbox row as JSON. */
  contentBase64: string;
  /** A calendar invite goes as nodemailer's `icalEvent` (method REQUEST / CANCEL), not a plain file. */
  icalMethod?: 'REQUEST' | 'CANCEL';
}

export interface MailExtensionInput {
  manager: EntityManager;
  case: CaseRecord;
  /** The workflow action, or `session_reminder`. */
  action: string;
  recipient: MailRecipient;
  recipientEmail: string;
  recipientName: string;
  /** What the transition's effects recorded (e.g. `sessionId`, `agreementVersion`, `settled`). */
  eventData: Record<string, unknown>;
}

export interface MailExtension {
  /** Extra template context (`session`, `agreement`, ...). */
  context?: Partial<MailContext>;
  attachments?: MailAttachment[];
}

export type MailExtender = (input: MailExtensionInput) => Promise<MailExtension | null>;

/**
 * Where features add to the mails of their actions without notifications
 * knowing them: sessions add the session and its calendar invite, agreements
 * the version and, on settlement, the signed PDF.
 */
@Injectable()
export class MailExtensions {
  private readonly byAction = new Map<string, MailExtender[]>();

  register(actions: string[], extender: MailExtender): void {
    for (const a of actions) this.byAction.set(a, [...(this.byAction.get(a) ?? []), extender]);
  }

  async extend(input: MailExtensionInput): Promise<MailExtension> {
    const merged: MailExtension = { context: {}, attachments: [] };
    for (const extender of this.byAction.get(input.action) ?? []) {
      const ext = await extender(input);
      if (!ext) continue;
      Object.assign(merged.context!, ext.context);
      merged.attachments!.push(...(ext.attachments ?? []));
    }
    return merged;
  }
}
