import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SignerCapacity } from './agreement-document';
import { AgreementVersion } from './agreement-version.entity';

/** The parties, who sign first, in either order. */
export const AGREEMENT_PARTIES = ['borrower', 'lender'] as const;
export type AgreementParty = (typeof AGREEMENT_PARTIES)[number];
/** Who signs an agreement: the parties, then the mediator, whose signature comes with the seal. */
export const AGREEMENT_SIGNERS = [...AGREEMENT_PARTIES, 'mediator'] as const;
export type AgreementSigner = (typeof AGREEMENT_SIGNERS)[number];
export const SIGNER_CAPACITIES = ['self', 'representative', 'signing_agent', 'mediator'] as const;

/**
 * A signature on one agreement version, bound to the SHA-256 of the PDF the signer confirmed,
 * with the signer's own name: the borrower, a lender's representative or the signing agent its
 * API key names, the mediator. It belongs to that version only: a revision leaves it on the
 * superseded version, void.
 */
@Entity('agreement_signatures')
@Index('agreement_signatures_version_party_key', ['agreementVersionId', 'party'], { unique: true })
@Check('agreement_signatures_party_check', `"party" IN ('borrower', 'lender', 'mediator')`)
@Check(
  'agreement_signatures_capacity_check',
  `"signer_capacity" IN ('self', 'representative', 'signing_agent', 'mediator')`,
)
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
  party: AgreementSigner;

  /** The person's name printed in the signature block, never an organisation's. */
  @Column('text')
  signerName: string;

  @Column('text')
  signerCapacity: SignerCapacity;

  /** A signing agent's title, as its API key names it. */
  @Column('text', { nullable: true })
  signerTitle: string | null;

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
