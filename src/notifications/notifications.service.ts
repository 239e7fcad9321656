import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import type { CaseRecord } from '../cases/case.entity';
import { CaseEffectRegistry } from '../cases/case-effect.registry';
import { CaseFiledHook } from '../cases/case-filed.hook';
import type { MailExtra } from '../cases/case-mail';
import { CaseRepository } from '../cases/case.repository';
import { CaseConsentRepository } from '../cases/case-consent.repository';
import { PostalTaskRepository } from './postal-task.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import type { Recipient } from '../workflow/transitions';
import { buildMailContext } from './mail-context.builder';
import { messageIdFor } from './mail-message';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailSender } from './mail-sender';
import { assertMailTemplates, renderMail } from './mail-templates';
import type { Notification } from './notification.entity';
import { assertNotifyMatchesTemplates, inAppBody, kindOf } from './notification-plan';
import { NotificationAddressees } from './notification-addressees';
import { newNoticeCode } from './notice-code';
import { NoticeCodeRepository } from './notice-code.repository';
import { describePeriod } from '../calendar/period-wording';
import { NotificationRepository } from './notification.repository';
import type {
  NotificationListQuery,
  NotificationListResponse,
  NotificationResponse,
} from './notifications.dto';

export interface NotifyOptions {
  /** The action's input, for the templates (`reason`, `message`, ...). */
  input?: Record<string, unknown>;
  /** What the action's effects add to its mails (the session, the agreement, an invite). */
  mail?: MailExtra;
  /** Who acted: not told of their own action unless `notifyActor`. */
  actorUserId?: string | null;
  notifyActor?: boolean;
  now?: Date;
}

const toResponse = (n: Notification): NotificationResponse => ({
  id: n.id,
  kind: n.kind,
  caseId: n.caseId,
  title: n.title,
  body: n.body,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/**
 * Tells the parties of a case about each step, in the transaction of the step: an in-app
 * notification per user and an outbox mail per address, with the mail's delivery job.
 * A rollback drops all of it; a commit keeps all of it, whatever the mail server does.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly effects: CaseEffectRegistry,
    private readonly filed: CaseFiledHook,
    private readonly cases: CaseRepository,
    private readonly addressees: NotificationAddressees,
    private readonly codes: NoticeCodeRepository,
    private readonly notifications: NotificationRepository,
    private readonly outbox: MailOutboxRepository,
    private readonly postal: PostalTaskRepository,
    private readonly consents: CaseConsentRepository,
    private readonly sender: MailSender,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    assertMailTemplates();
    assertNotifyMatchesTemplates();
    this.effects.announce('notify', (r) =>
      this.notifyCaseParticipants(r.manager, r.case, r.transition.action, r.transition.notify, {
        input: r.input,
        mail: r.mail,
        actorUserId: r.actor.userId,
        notifyActor: 'notifyActor' in r.transition && r.transition.notifyActor,
        now: r.now,
      }),
    );
    // Filing is no transition: its receipt goes to the borrower (who filed) by the same path.
    this.filed.listen((manager, c, now) =>
      this.notifyCaseParticipants(manager, c, 'file', ['borrower'], { notifyActor: true, now }),
    );
  }

  /**
   * Notifies the people of a case about `action` (a workflow action, or `session_reminder`),
   * within `manager`'s transaction. `recipients` are the workflow table's groups: `borrower`;
   * `lender` = the lender's contact address by mail and its active representatives in-app, and
   * only once the lender was notified of the case (never before review passes); `mediator`
   * if one is assigned; `clerks` = the centre's active clerks, in-app only (no mail flood).
   */
  async notifyCaseParticipants(
    manager: EntityManager,
    caseRecord: CaseRecord,
    action: string,
    recipients: readonly Recipient[],
    options: NotifyOptions = {},
  ): Promise<void> {
    const c =
      caseRecord.borrower && caseRecord.lenderOrganization
        ? caseRecord
        : await this.cases.reload(manager, caseRecord.id);
    const now = options.now ?? this.clock.now();
    const extra = options.mail ?? {};
    const mailed = new Set<string>();
    const inbox: Omit<Notification, 'id'>[] = [];
    for (const to of await this.addressees.of(manager, c, recipients)) {
      if (to.userId && to.userId === options.actorUserId && !options.notifyActor) continue;
      const kind = kindOf(action, to.recipient);
      // The notice's check code, printed in its footer; recorded with the mail or the letter
      // it is printed on (a borrower served by post gets no mail, so never both).
      const checkCode = newNoticeCode();
      const context = buildMailContext({
        case: c,
        recipientName: to.name,
        input: options.input ?? {},
        publicBaseUrl: this.config.publicBaseUrl,
        extra,
        checkCode,
        periods: {
          lenderResponse: describePeriod(this.config.lenderResponsePeriod, c.locale),
          mediationTerm: describePeriod(this.config.mediationTermPeriod, c.locale),
        },
      });
      const code = { code: checkCode, caseId: c.id, kind, recipientRole: to.recipient };
      const mail = renderMail(kind, c.locale, context);
      if (to.inApp && to.userId) {
        inbox.push({
          userId: to.userId,
          caseId: c.id,
          kind,
          title: mail.subject,
          body: inAppBody(mail.text),
          readAt: null,
          createdAt: now,
        });
      }
      if (to.post) {
        const postalTaskId = await this.postal.insert(manager, {
          caseId: c.id,
          mediationCenterId: c.mediationCenterId,
          kind,
          recipientName: to.name,
          postalAddress: (await this.consents.current(manager, c.id))?.postalAddress ?? null,
          subject: mail.subject,
          textBody: mail.text,
          createdAt: now,
        });
        await this.codes.insert(manager, {
          ...code,
          channel: 'post',
          mailId: null,
          postalTaskId,
          issuedAt: now,
        });
      }
      const address = to.email.toLowerCase();
      if (!to.mail || !address || mailed.has(address)) continue;
      mailed.add(address);
      const id = randomUUID();
      await this.outbox.insert(manager, {
        id,
        caseId: c.id,
        kind,
        locale: c.locale,
        toAddress: to.email,
        toName: to.name,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        attachments: extra.attachments ?? [],
        messageId: messageIdFor(id, this.config.mailFrom),
        createdAt: now,
      });
      await this.codes.insert(manager, {
        ...code,
        channel: 'mail',
        mailId: id,
        postalTaskId: null,
        issuedAt: now,
      });
      await this.sender.enqueue(manager, id);
    }
    await this.notifications.insert(manager, inbox);
  }

  // The in-app inbox. An organisation's API key is no person: its inbox is empty.

  async list(p: Principal, q: NotificationListQuery): Promise<NotificationListResponse> {
    if (!p.userId) return { items: [], nextCursor: null, unreadCount: 0 };
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const m = this.dataSource.manager;
    const rows = await this.notifications.list(
      m,
      p.userId,
      limit,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    const { items, nextCursor } = pageOf(rows, limit, (n) => [n.createdAt, n.id]);
    return {
      items: items.map(toResponse),
      nextCursor,
      unreadCount: await this.notifications.unreadCount(m, p.userId),
    };
  }

  async unreadCount(p: Principal): Promise<{ unreadCount: number }> {
    if (!p.userId) return { unreadCount: 0 };
    return { unreadCount: await this.notifications.unreadCount(this.dataSource.manager, p.userId) };
  }

  async markRead(p: Principal, id: string): Promise<NotificationResponse> {
    const n = p.userId
      ? await this.notifications.markRead(this.dataSource.manager, p.userId, id, this.clock.now())
      : null;
    if (!n) throw new AppError('NOT_FOUND', 'no such notification');
    return toResponse(n);
  }

  async markAllRead(p: Principal): Promise<{ marked: number; unreadCount: number }> {
    if (!p.userId) return { marked: 0, unreadCount: 0 };
    const m = this.dataSource.manager;
    const marked = await this.notifications.markAllRead(m, p.userId, this.clock.now());
    return { marked, unreadCount: await this.notifications.unreadCount(m, p.userId) };
  }
}
