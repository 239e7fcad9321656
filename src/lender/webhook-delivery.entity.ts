import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { sqlList } from '../workflow/states';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import type { WebhookEventPayload } from './webhook-event';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;
/** `failed`: the last attempt failed and another is scheduled; `dead`: given up. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event of a case, owed to one endpoint. `seq` orders the deliveries of an (endpoint, case) pair. */
@Entity('webhook_deliveries')
@Check('webhook_deliveries_status_check', `"status" IN ${sqlList(DELIVERY_STATUSES)}`)
@Index('webhook_deliveries_endpoint_event_key', ['endpointId', 'eventId'], { unique: true })
@Index('webhook_deliveries_pair_seq_key', ['endpointId', 'caseId', 'seq'], { unique: true })
@Index('webhook_deliveries_endpoint_created_idx', ['endpointId', 'createdAt', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpoint;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;

  @Column('bigint')
  eventId: string;

  @ManyToOne(() => CaseEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: CaseEvent;

  @Column('integer')
  seq: number;

  /** The JSON POSTed, frozen when the event happened. */
  @Column('jsonb')
  payload: WebhookEventPayload;

  @Column('text', { default: 'pending' })
  status: DeliveryStatus;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('integer', { nullable: true })
  lastStatusCode: number | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
