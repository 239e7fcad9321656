import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from './case.entity';

/**
 * The borrower's service address for a case (送达地址确认), one row per confirmation: the
 * first at filing, then one per change. The newest row is where the case's notices go.
 */
@Entity('service_addresses')
@Check('service_addresses_reason_check', `"reason" IN ('filing', 'change')`)
@Index('service_addresses_case_idx', ['caseId', 'createdAt'])
export class ServiceAddressRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'service_addresses_pkey' })
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'service_addresses_case_fk' })
  case?: CaseRecord;

  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  postalAddress: string | null;

  @Column('text')
  reason: 'filing' | 'change';

  @Column('uuid')
  confirmedBy: string;

  @Column('timestamptz')
  createdAt: Date;
}
