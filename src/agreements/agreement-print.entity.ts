import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AgreementVersion } from './agreement-version.entity';

export type AgreementCopy = 'draft' | 'sealed';

/** One download of an agreement PDF: who, when, which version, which bytes. Append-only. */
@Entity('agreement_prints')
@Index('agreement_prints_version_role_idx', ['agreementVersionId', 'role'])
@Check('agreement_prints_copy_check', `"copy" IN ('draft', 'sealed')`)
export class AgreementPrint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  agreementVersionId: string;

  @ManyToOne(() => AgreementVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_version_id' })
  agreementVersion?: AgreementVersion;

  @Column('text')
  copy: AgreementCopy;

  /** SHA-256 of the bytes served. */
  @Column('text')
  sha256: string;

  @Column('text')
  role: string;

  @Column('uuid', { nullable: true })
  userId: string | null;

  @Column('uuid', { nullable: true })
  apiKeyId: string | null;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Column('timestamptz')
  printedAt: Date;
}
