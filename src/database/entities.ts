import { AgreementPrint } from '../agreements/agreement-print.entity';
import { AgreementSignature } from '../agreements/agreement-signature.entity';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { CalendarYearRecord } from '../calendar/calendar-year.entity';
import { LoginAttempt } from '../auth/login-attempt.entity';
import { CaseConsent } from '../cases/case-consent.entity';
import { CaseDeadlineRecord } from '../cases/case-deadline.entity';
import { CaseRecord } from '../cases/case.entity';
import { Evidence } from '../evidence/evidence.entity';
import { MailOutbox } from '../notifications/mail-outbox.entity';
import { Notification } from '../notifications/notification.entity';
import { WebhookAttempt } from '../lender/webhook-attempt.entity';
import { WebhookDelivery } from '../lender/webhook-delivery.entity';
import { WebhookEndpoint } from '../lender/webhook-endpoint.entity';
import { ApiKey } from '../organizations/api-key.entity';
import { MediationSession } from '../sessions/session.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { PageSession } from '../web/page-session.entity';
import { PersonalDataRead } from '../cases/access-log.entity';
import { ApplyDraft } from '../web/apply/apply-draft.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { IdempotencyKey } from '../cases/idempotency-key.entity';
import { PrivacyAcceptance } from '../users/privacy-acceptance.entity';
import { ServiceAddressRecord } from '../cases/service-address.entity';
import { PostalTask } from '../notifications/postal-task.entity';
import { NoticeCode } from '../notifications/notice-code.entity';
import { RightsRequest } from '../rights/rights-request.entity';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintEvent } from '../complaints/complaint-event.entity';
import { PaymentPlan } from '../plans/payment-plan.entity';
import { PlanInstallment } from '../plans/plan-installment.entity';
import { PlanPayment } from '../plans/plan-payment.entity';
import { JudicialConfirmation } from '../judicial/judicial-confirmation.entity';
import { JudicialReminder } from '../judicial/judicial-reminder.entity';
import { PlanReminder } from '../plans/plan-reminder.entity';
import { PaymentReport } from '../plans/payment-report.entity';
import { StatsSnapshot } from '../stats/stats-snapshot.entity';

/** Every entity, listed rather than globbed so ts-node, jest and dist all load the same set. */
export const ENTITIES = [
  Organization,
  ApiKey,
  User,
  CaseRecord,
  CaseConsent,
  CaseDeadlineRecord,
  CaseEvent,
  IdempotencyKey,
  Evidence,
  LoginAttempt,
  MailOutbox,
  Notification,
  MediationSession,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  AgreementVersion,
  AgreementSignature,
  AgreementPrint,
  CalendarYearRecord,
  PageSession,
  PersonalDataRead,
  ApplyDraft,
  ServiceAddressRecord,
  PrivacyAcceptance,
  PostalTask,
  RightsRequest,
  Complaint,
  ComplaintEvent,
  PaymentPlan,
  PlanInstallment,
  PlanPayment,
  JudicialConfirmation,
  JudicialReminder,
  PlanReminder,
  PaymentReport,
  NoticeCode,
  StatsSnapshot,
];
