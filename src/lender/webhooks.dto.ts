import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { CLOSURE_REASON_ENUM, STATUS_ENUM } from '../cases/cases.dto';
import { TRANSITIONS } from '../workflow/transitions';
import { PLAN_WEBHOOK_TYPES } from './webhook-event';
import { DELIVERY_STATUSES } from './webhook-delivery.entity';
import type { DeliveryStatus } from './webhook-delivery.entity';

/**
 * `case.<action>` for every transition that announces itself to the lender's webhooks, then
 * the repayment plan's events.
 */
export const WEBHOOK_EVENT_TYPES = [
  ...TRANSITIONS.filter((t) => (t.effects as readonly string[]).includes('webhook')).map(
    (t) => `case.${t.action}`,
  ),
  ...Object.values(PLAN_WEBHOOK_TYPES),
];
const WEBHOOK_TYPE_ENUM = { enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' } as const;
const ACTIONS = [...TRANSITIONS.map((t) => t.action), ...Object.keys(PLAN_WEBHOOK_TYPES)];

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hooks.lender.example.com/mediation',
    maxLength: 2000,
    description:
      'https, resolving to public addresses only. Plain http and private or loopback ' +
      'addresses only for hosts named in WEBHOOK_ALLOWED_HOSTS.',
  })
  @IsString()
  @Length(1, 2000)
  url: string;
}

export class WebhookResponse {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ description: 'False once removed; its deliveries stay visible' })
  active: boolean;
  @ApiProperty() createdAt: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_3q2-7wEj…',
    description:
      'The signing secret, shown this once only. HMAC-SHA256 key of X-Mediation-Signature.',
  })
  secret: string;
}

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class WebhookAttemptResponse {
  @ApiProperty() attemptedAt: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when no answer came' })
  statusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() durationMs: number;
}

class WebhookEventCase {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  // Typed as stored (JSON of the event); the document promises the enums.
  @ApiProperty(STATUS_ENUM) status: string;
  @ApiProperty(CLOSURE_REASON_ENUM) closureReason: string | null;
  @ApiProperty({ nullable: true, type: String }) lenderResponseDueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) mediationDueAt: string | null;
  @ApiProperty({ description: 'Ignore an event whose version is below one you already have' })
  version: number;
}

/** The body of every webhook POST (documented here for the OpenAPI reader). */
export class WebhookEvent {
  @ApiProperty({
    example: '1042',
    description: 'The timeline event id; also X-Mediation-Event-Id. Dedupe on it.',
  })
  id: string;
  @ApiProperty({ ...WEBHOOK_TYPE_ENUM, description: '`case.<action>` of workflow.md' })
  type: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: WebhookEventCase }) case: WebhookEventCase;
  @ApiProperty({ enum: ACTIONS, description: 'The action of the transition' }) action: string;
  @ApiProperty({ ...STATUS_ENUM, description: 'The state before' }) from: string | null;
  @ApiProperty({ ...STATUS_ENUM, description: 'The state after' }) to: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description:
      'Plan events only: payment.recorded {paymentId, reference, amount, paidOn, source, leftToPay}; installment.late {seq, dueDate, amount, unpaid, graceDays}; plan.completed {paid, waived?, completedOn, certificateSha256}; installment.waived {seq, dueDate, waived, paid, reason, leftToPay}',
  })
  data?: Record<string, string | number>;
}

export class WebhookDeliveryResponse {
  @ApiProperty() id: string;
  @ApiProperty() endpointId: string;
  @ApiProperty() caseId: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ description: 'Order of the deliveries of one case to this endpoint' })
  seq: number;
  @ApiProperty(WEBHOOK_TYPE_ENUM) type: string;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    enumName: 'WebhookDeliveryStatus',
    description:
      '`failed`: the last attempt failed and another is scheduled (`nextAttemptAt`); ' +
      '`dead`: given up after WEBHOOK_MAX_ATTEMPTS (retry with POST /webhook-deliveries/{id}/retry)',
  })
  status: DeliveryStatus;
  @ApiProperty() attemptCount: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: WebhookEvent }) payload: WebhookEvent;
  @ApiProperty({ type: [WebhookAttemptResponse], description: 'Oldest first' })
  attempts: WebhookAttemptResponse[];
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
