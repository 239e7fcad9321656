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
import { Organization } from './organization.entity';

/** An organisation's key for its back-office system. Only the SHA-256 of the key is kept. */
@Entity('api_keys')
@Check(
  'api_keys_signing_agent_check',
  `("signing_agent_name" IS NULL) = ("signing_agent_title" IS NULL)`,
)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('api_keys_organization_idx')
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('text')
  name: string;

  /**
   * The person who signs agreements through this key (签署代理人), named when the key is issued;
   * a key without one cannot sign: a signature needs a person behind it.
   */
  @Column('text', { nullable: true })
  signingAgentName: string | null;

  @Column('text', { nullable: true })
  signingAgentTitle: string | null;

  @Index('api_keys_key_hash_key', { unique: true })
  @Column('text')
  keyHash: string;

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
