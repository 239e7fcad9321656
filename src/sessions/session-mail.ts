import { Inject, Injectable } from '@nestjs/common';
import type { CaseRecord } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import type { InlineAttachment, MailSession } from '../cases/case-mail';
import type { MailLocale } from '../notifications/mail-context';
import { formatInstant } from '../notifications/mail-context.builder';
import { buildInvite } from './calendar-invite';
import type { InvitePerson } from './calendar-invite';
import type { MediationSession } from './session.entity';

const WORDS = {
  'zh-CN': {
    summary: (caseNumber: string) => `调解会议 · 案号 ${caseNumber}`,
    description: (c: CaseRecord, s: MediationSession) =>
      `案件 ${c.caseNumber} 的${s.mode === 'online' ? '线上' : '线下'}调解会议。\n` +
      `调解员：${c.mediator?.name ?? ''}\n` +
      (s.mode === 'online' ? `会议链接：${s.meetingUrl}` : `地点：${s.location}`),
  },
  en: {
    summary: (caseNumber: string) => `Mediation session · case ${caseNumber}`,
    description: (c: CaseRecord, s: MediationSession) =>
      `${s.mode === 'online' ? 'Online' : 'In-person'} mediation session of case ${c.caseNumber}.\n` +
      `Mediator: ${c.mediator?.name ?? ''}\n` +
      (s.mode === 'online' ? `Meeting link: ${s.meetingUrl}` : `Place: ${s.location}`),
  },
} as const;

/** The address part of MAIL_FROM ("调解中心 <no-reply@mediation.local>"). */
export function addressOf(mailFrom: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
}

export function toMailSession(s: MediationSession, locale: MailLocale): MailSession {
  return {
    startsAt: formatInstant(s.startsAt, locale),
    endsAt: formatInstant(s.endsAt, locale),
    mode: s.mode,
    location: s.location,
    meetingUrl: s.meetingUrl,
  };
}

/**
 * The iCalendar invite (REQUEST) or cancellation (CANCEL) that rides on a session's mails,
 * with a UID stable per session and the session's SEQUENCE, so calendar programs update the
 * one event they hold.
 */
@Injectable()
export class SessionMail {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The invite file; the same for every recipient, since it lists them all. */
  invite(c: CaseRecord, s: MediationSession, method: 'REQUEST' | 'CANCEL'): InlineAttachment {
    const words = WORDS[c.locale];
    const attendees: InvitePerson[] = [
      { name: c.borrowerName, email: c.borrower!.email },
      { name: c.lenderOrganization!.name, email: c.lenderOrganization!.contactEmail },
      ...(c.mediator ? [{ name: c.mediator.name, email: c.mediator.email }] : []),
    ];
    const ics = buildInvite({
      uid: `session-${s.id}@${new URL(this.config.publicBaseUrl).hostname}`,
      sequence: s.sequence,
      method,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      summary: words.summary(c.caseNumber),
      description: words.description(c, s),
      location: (s.mode === 'online' ? s.meetingUrl : s.location)!,
      organizer: { name: c.mediationCenter!.name, email: addressOf(this.config.mailFrom) },
      attendees,
      stamp: this.clock.now(),
    });
    return {
      filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
      contentType: `text/calendar; charset=utf-8; method=${method}`,
      contentBase64: Buffer.from(ics, 'utf8').toString('base64'),
      icalMethod: method,
    };
  }
}
