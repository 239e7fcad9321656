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

export const AGREEMENT_PARTIES = ['borrower', 'lender'] as const;
export type AgreementParty = (typeof AGREEMENT_PARTIES)[number];

/**
 * A party's signature on one agreement version, bound to the SHA-256 of the PDF they confirmed.
 * It belongs to that version only: a revision leaves it on the superseded version, void.
 * A lender signs as its organisation, through a representative or an API key.
 */
@Entity('agreement_signatures')
@Index('agreement_signatures_version_party_key', ['agreementVersionId', 'party'], { unique: true })
@Check('agreement_signatures_party_check', `"party" IN ('borrower', 'lender')`)
@Check(
  'agreement_signatures_signer_check',
  `"signer_user_id" IS NOT NULL OR "signer_api_key_id" IS NOT NULL`,
)
export class AgreementSignature {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  agreementVersionId: string;

  @ManyToOne(() => AgreementVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_version_id' })
  agreementVersion?: AgreementVersion;

  @Column('text')
  party: AgreementParty;

  /** The name printed in the signature block: the borrower, or the lender organisation. */
  @Column('text')
  signerName: string;

  @Column('uuid', { nullable: true })
  signerUserId: string | null;

  @Column('uuid', { nullable: true })
  signerApiKeyId: string | null;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  /** The hash the signer stated, equal to the version's draft hash. */
  @Column('text')
  sha256: string;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { nullable: true })
  userAgent: string | null;

  @Column('timestamptz')
  signedAt: Date;
}
