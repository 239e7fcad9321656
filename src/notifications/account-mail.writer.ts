import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { EntityManager } from 'typeorm';
import { AccountMailbox } from '../auth/account-mail';
import type { AccountMail, AccountMailKind } from '../auth/account-mail';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { Clock } from '../common/clock';
import { MailOutboxRepository } from './mail-outbox.repository';
import { messageIdFor } from './mail-message';
import { MailSender } from './mail-sender';
import { newNoticeCode } from './notice-code';
import { NoticeCodeRepository } from './notice-code.repository';

/** The footer every mail carries: its check code, and the words against fraud (both languages). */
export function accountMailFooter(base: string, code: string): string[] {
  return [
    '--',
    `核验码 / Check code: ${code}`,
    `核验本邮件是否为本平台发出 / Check that this mail is ours: ${base}/verify?code=${code}`,
    '本平台及调解员不会要求您向任何个人账户转账；调解不收取任何费用。',
    'The platform and its mediators never ask you to transfer money to a personal account; mediation is free of charge.',
  ];
}

/** What each account mail says, in Chinese then English (an account has no locale yet). */
const WORDING: Record<AccountMailKind, { subject: string; lines: (base: string) => string[] }> = {
  'account.registered': {
    subject: '您的调解平台账户已开通 / Your account is ready',
    lines: (base) => [
      '您的账户已开通，请使用注册时设置的密码登录：',
      `${base}/login`,
      '',
      'Your account is ready. Sign in with the password you chose:',
      `${base}/login`,
    ],
  },
  'account.register_attempt': {
    subject: '有人尝试用您的邮箱注册 / Someone tried to sign up with your address',
    lines: (base) => [
      '有人尝试用这个电子邮箱注册新账户。您已经有账户了，请直接登录；如果忘记密码，请联系调解中心重置。',
      '如果不是您本人操作，可以忽略此邮件，您的账户没有任何变化。',
      `${base}/login`,
      '',
      'Someone tried to sign up with this address, which already has an account: sign in, or ask',
      'the mediation centre to reset your password. If it was not you, ignore this mail; nothing',
      'about your account has changed.',
    ],
  },
};

/** Writes the account mails of auth (sign-up) to the outbox, in the caller's transaction. */
@Injectable()
export class AccountMailWriter implements OnModuleInit {
  constructor(
    private readonly mailbox: AccountMailbox,
    private readonly outbox: MailOutboxRepository,
    private readonly sender: MailSender,
    private readonly codes: NoticeCodeRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.mailbox.handle((manager, mail) => this.write(manager, mail));
  }

  private async write(manager: EntityManager, mail: AccountMail): Promise<void> {
    const wording = WORDING[mail.kind];
    const greeting = `${mail.toName}，您好 / Dear ${mail.toName},`;
    const base = this.config.publicBaseUrl;
    const code = newNoticeCode();
    const lines = [greeting, '', ...wording.lines(base), '', ...accountMailFooter(base, code)];
    const id = randomUUID();
    const now = this.clock.now();
    await this.outbox.insert(manager, {
      id,
      caseId: null,
      kind: mail.kind,
      locale: 'zh-CN',
      toAddress: mail.toAddress,
      toName: mail.toName,
      subject: wording.subject,
      textBody: lines.join('\n'),
      htmlBody: lines.map((l) => `<p>${Handlebars.escapeExpression(l)}</p>`).join('\n'),
      attachments: [],
      messageId: messageIdFor(id, this.config.mailFrom),
      createdAt: now,
    });
    await this.codes.insert(manager, {
      code,
      caseId: null,
      kind: mail.kind,
      recipientRole: null,
      channel: 'mail',
      mailId: id,
      postalTaskId: null,
      issuedAt: now,
    });
    await this.sender.enqueue(manager, id);
  }
}
