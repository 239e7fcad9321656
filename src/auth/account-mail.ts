import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Mail about an account itself rather than a case: a welcome to a new account, and, when
 * someone registers with an address that already has one, a word to its owner instead of
 * an answer that tells the caller the address is known.
 */
export type AccountMailKind = 'account.registered' | 'account.register_attempt';

export interface AccountMail {
  kind: AccountMailKind;
  toAddress: string;
  toName: string;
}

type Writer = (manager: EntityManager, mail: AccountMail) => Promise<void>;

/**
 * Auth decides that a mail is due; notifications (a layer above) writes it to the outbox
 * in the same transaction, by claiming this mailbox at start-up.
 */
@Injectable()
export class AccountMailbox {
  private writer: Writer | null = null;

  handle(writer: Writer): void {
    if (this.writer) throw new Error('account mail already has a writer');
    this.writer = writer;
  }

  async write(manager: EntityManager, mail: AccountMail): Promise<void> {
    if (!this.writer) throw new Error('account mail has no writer: NotificationsModule is missing');
    await this.writer(manager, mail);
  }
}
