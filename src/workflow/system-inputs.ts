import type { ServiceChannel } from './service-notices';

/**
 * The inputs of `system` actions. They never come over HTTP (the action door refuses system
 * actions), so they carry no validation: the service that takes the action builds them.
 */

/** `record_lender_service` / `record_borrower_service`: when and how the notice was delivered. */
export class NoticeServedDto {
  /** The first of: the mail accepted by the SMTP server, the webhook answered 2xx. */
  channel: ServiceChannel;
  /** The instant of delivery, ISO 8601. */
  deliveredAt: string;
  /** The outbox mail or the webhook delivery that served it. */
  reference: string;
}
