import type { MailRecipient } from './mail-context';
import { MAIL_RECIPIENTS_BY_ACTION } from './mail-templates';
import type { MailKind } from './mail-templates';
import type { Recipient } from '../workflow/transitions';
import { TRANSITIONS } from '../workflow/transitions';

/** The workflow table names groups (`clerks`); a mail template is for one person (`clerk`). */
export const mailRecipientOf = (r: Recipient): MailRecipient => (r === 'clerks' ? 'clerk' : r);

export function kindOf(action: string, recipient: MailRecipient): MailKind {
  const allowed = (MAIL_RECIPIENTS_BY_ACTION as Record<string, readonly string[]>)[action];
  if (!allowed?.includes(recipient)) {
    throw new Error(`no mail template is meant for ${recipient} on ${action}`);
  }
  return `${action}.${recipient}` as MailKind;
}

/**
 * Every transition's `notify` list must be exactly the recipients its mail templates are
 * written for; checked at boot so the table and the templates cannot drift apart.
 */
export function assertNotifyMatchesTemplates(): void {
  const byAction = MAIL_RECIPIENTS_BY_ACTION as Record<string, readonly string[]>;
  for (const t of TRANSITIONS) {
    const wanted = [...t.notify].map(mailRecipientOf).sort().join(',');
    const written = [...(byAction[t.action] ?? [])].sort().join(',');
    if (wanted !== written) {
      throw new Error(
        `${t.action} notifies [${wanted}] but its mail templates are for [${written}]`,
      );
    }
  }
}

/**
 * The in-app text of a mail: its plain-text body without the mail footer ("this message was
 * sent automatically…"), which the text layout sets off with a `--` line.
 */
export function inAppBody(mailText: string): string {
  const footer = mailText.lastIndexOf('\n\n--\n');
  return (footer >= 0 ? mailText.slice(0, footer) : mailText).trimEnd();
}
