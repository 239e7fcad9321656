import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseRecord } from '../cases/case.entity';
import { CaseConsentRepository } from '../cases/case-consent.repository';
import { UserRepository } from '../users/user.repository';
import type { Recipient } from '../workflow/transitions';
import type { MailRecipient } from './mail-context';
import { mailRecipientOf } from './notification-plan';

/** One person (or a lender's contact address) to tell, and how. */
export interface Addressee {
  recipient: MailRecipient;
  /** The user whose inbox gets it; null for an organisation's contact address. */
  userId: string | null;
  name: string;
  email: string;
  mail: boolean;
  inApp: boolean;
  /** A borrower who declined electronic service is served by post: a clerk's task, not a mail. */
  post: boolean;
}

/** Who of a case the workflow table's recipient groups name, and how each is told. */
@Injectable()
export class NotificationAddressees {
  constructor(
    private readonly users: UserRepository,
    private readonly consents: CaseConsentRepository,
  ) {}

  async of(
    manager: EntityManager,
    c: CaseRecord,
    recipients: readonly Recipient[],
  ): Promise<Addressee[]> {
    const out: Addressee[] = [];
    for (const group of recipients) {
      const recipient = mailRecipientOf(group);
      switch (group) {
        case 'borrower':
          if (c.borrower) {
            const { id, name, email } = c.borrower;
            const post = !(await this.consents.inForce(manager, c.id)).has('electronicService');
            out.push({ recipient, userId: id, name, email, mail: !post, inApp: true, post });
          }
          break;
        case 'lender': {
          const org = c.lenderOrganization;
          if (!c.lenderNotifiedAt || !org) break;
          out.push({
            recipient,
            userId: null,
            name: org.name,
            email: org.contactEmail,
            mail: true,
            inApp: false,
            post: false,
          });
          for (const u of await this.users.activeStaff(manager, 'lender', org.id)) {
            out.push({
              recipient,
              userId: u.id,
              name: u.name,
              email: u.email,
              mail: false,
              inApp: true,
              post: false,
            });
          }
          break;
        }
        case 'mediator':
          if (c.mediator) {
            const { id, name, email } = c.mediator;
            out.push({ recipient, userId: id, name, email, mail: true, inApp: true, post: false });
          }
          break;
        case 'clerks':
          for (const u of await this.users.activeStaff(manager, 'clerk', c.mediationCenterId)) {
            out.push({
              recipient,
              userId: u.id,
              name: u.name,
              email: u.email,
              mail: false,
              inApp: true,
              post: false,
            });
          }
          break;
      }
    }
    return out;
  }
}
