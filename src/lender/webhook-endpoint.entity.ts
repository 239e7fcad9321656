import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** A lender organisation's webhook receiver. The secret is kept sealed (webhook-signing.ts). */
@Entity('webhook_endpoints')
@Index('webhook_endpoints_organization_idx', ['organizationId', 'createdAt'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('text')
  url: string;

  /** AES-256-GCM under a key derived from JWT_SECRET: `v1.<iv>.<ciphertext>.<tag>`. */
  @Column('text')
  secret: string;

  /** False once an admin removed it; kept so its deliveries stay visible. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
