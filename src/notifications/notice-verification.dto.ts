import { ApiProperty } from '@nestjs/swagger';
import { MAIL_RECIPIENTS } from './mail-context';
import type { MailRecipient } from './mail-context';
import { NOTICE_CHANNELS } from './notice-code.entity';
import type { NoticeChannel } from './notice-code.entity';

export class NoticeWordsResponse {
  @ApiProperty({ example: '调解申请受理通知' }) 'zh-CN': string;
  @ApiProperty({ example: 'Notice that the application was accepted' }) en: string;
}

/** What anyone may learn of a notice from its check code: what it was, never who or how much. */
export class NoticeVerificationResponse {
  @ApiProperty({
    enum: ['notice'],
    description: 'A notice (mail or posted letter) of the platform',
  })
  kind: 'notice';
  @ApiProperty({ example: 'K7QF3-M9DXR', description: 'The code, as the platform printed it' })
  code: string;
  @ApiProperty({
    example: 'accept.borrower',
    description: 'The kind of notice: `<step>.<recipient role>`, or `account.<what>`',
  })
  notice: string;
  @ApiProperty({ type: NoticeWordsResponse, description: 'The kind of notice, in words' })
  about: NoticeWordsResponse;
  @ApiProperty({ nullable: true, type: String, example: 'MED-2026-000123' })
  caseNumber: string | null;
  @ApiProperty({
    enum: MAIL_RECIPIENTS,
    nullable: true,
    description: 'The role of the party it was sent to; null for a mail about an account',
  })
  recipientRole: MailRecipient | null;
  @ApiProperty({ enum: NOTICE_CHANNELS, description: 'By mail, or a letter to post' })
  channel: NoticeChannel;
  @ApiProperty({ description: 'When the platform wrote it', example: '2026-12-02T02:19:02.564Z' })
  issuedAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the mail server took the mail, or the clerk posted the letter; null before',
  })
  sentAt: string | null;
  @ApiProperty({
    description: 'What the answer means, in words (English)',
    example:
      'This is a genuine notice of the mediation platform: "Notice that the application was accepted", case MED-2026-000123, to the borrower, issued 2026-12-02 (Beijing time).',
  })
  statement: string;
}
