import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { MAIL_RECIPIENTS } from './mail-context';
import type { MailRecipient } from './mail-context';
import { normalizeNoticeCode } from './notice-code';
import { NoticeCodeRepository } from './notice-code.repository';
import type { NoticeVerificationResponse } from './notice-verification.dto';
import { noticeWords } from './notice-words';

const isRecipient = (r: string | null): r is MailRecipient =>
  (MAIL_RECIPIENTS as readonly (string | null)[]).includes(r);

/** The public check of a notice's code: what it was, to which role, when; nothing personal. */
@Injectable()
export class NoticeVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly codes: NoticeCodeRepository,
  ) {}

  /** Whether the input has the shape of a notice code (else it may be an agreement's). */
  isNoticeCode(input: string): boolean {
    return normalizeNoticeCode(input) !== null;
  }

  async verify(input: string): Promise<NoticeVerificationResponse> {
    const code = normalizeNoticeCode(input);
    const found = code ? await this.codes.facts(this.dataSource.manager, code) : null;
    if (!found) throw new AppError('NOT_FOUND', 'no notice of this platform has this code');
    const about = noticeWords(found.kind);
    const role = isRecipient(found.recipientRole) ? found.recipientRole : null;
    const day = DateTime.fromJSDate(found.issuedAt, { zone: 'Asia/Shanghai' }).toISODate();
    const statement =
      `This is a genuine notice of the mediation platform: "${about.en}"` +
      (found.caseNumber ? `, case ${found.caseNumber}` : '') +
      (role ? `, to the ${role}` : '') +
      `, issued ${day} (Beijing time).`;
    return {
      kind: 'notice',
      code: found.code,
      notice: found.kind,
      about,
      caseNumber: found.caseNumber,
      recipientRole: role,
      channel: found.channel,
      issuedAt: found.issuedAt.toISOString(),
      sentAt: found.sentAt?.toISOString() ?? null,
      statement,
    };
  }
}
