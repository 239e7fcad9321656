import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CaseRecord } from '../cases/case.entity';
import { User } from '../users/user.entity';
import type { AgreementDocument, AgreementPayment } from './agreement-document';
import type { ScheduleRow } from './schedule';
import { fenColumn } from '../common/money';

/**
 * What the agreement shows of the case, as it stood when this version was drafted: the
 * parties' registered details, the confirmed debt. The sealed copy is rendered from it, so it
 * says what the parties read even if a name or an address changes later.
 */
export type AgreementSnapshot = Pick<
  AgreementDocument,
  | 'locale'
  | 'caseNumber'
  | 'mediationCenter'
  | 'mediator'
  | 'borrower'
  | 'lender'
  | 'facts'
  | 'debt'
>;

/**
 * One version of a case's written agreement. Immutable once drafted, except that sealing (the
 * mediator's confirmation) fills the seal's columns once. The current version is the highest.
 */
@Entity('agreement_versions')
@Index('agreement_versions_case_version_key', ['caseId', 'version'], { unique: true })
@Check(
  'agreement_versions_terms_check',
  `"version" >= 1 AND "installments" BETWEEN 1 AND 60 AND "settlement_fen" >= "installments" AND "waived_fen" >= 0`,
)
@Check(
  'agreement_versions_sealed_check',
  `("sealed_at" IS NULL) = ("sealed_sha256" IS NULL) AND ("sealed_at" IS NULL) = ("sealed_pdf_path" IS NULL) AND ("sealed_at" IS NULL) = ("verification_code" IS NULL)`,
)
export class AgreementVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;

  @Column('integer')
  version: number;

  @Column('bigint', { transformer: fenColumn })
  settlementFen: number;

  @Column('bigint', { transformer: fenColumn })
  waivedFen: number;

  @Column('integer')
  installments: number;

  @Column('date')
  firstDueDate: string;

  @Column('jsonb')
  clauses: string[];

  @Column('jsonb')
  schedule: ScheduleRow[];

  /** Where the borrower pays (履行方式); null only on versions drafted before it was asked. */
  @Column('jsonb', { nullable: true })
  payment: AgreementPayment | null;

  @Column('jsonb')
  document: AgreementSnapshot;

  /** SHA-256 (hex) of the draft PDF: what a signer confirms having read. */
  @Index('agreement_versions_draft_sha256_idx')
  @Column('text')
  draftSha256: string;

  /** Relative to DATA_DIR. */
  @Column('text')
  draftPdfPath: string;

  /** Printed on the sealed final with its QR code; a draft has none (null until sealed). */
  @Index('agreement_versions_verification_code_key', { unique: true })
  @Column('text', { nullable: true })
  verificationCode: string | null;

  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  /** Also the PDF's creation date, so the drafted document renders the same bytes again. */
  @Column('timestamptz')
  createdAt: Date;

  /** SHA-256 of the sealed final PDF: the bytes served from then on. */
  @Index('agreement_versions_sealed_sha256_key', { unique: true })
  @Column('text', { nullable: true })
  sealedSha256: string | null;

  @Column('text', { nullable: true })
  sealedPdfPath: string | null;

  @Column('timestamptz', { nullable: true })
  sealedAt: Date | null;

  /** SHA-256 of the certificate that sealed it: what verification expects the signer to be. */
  @Column('text', { nullable: true })
  sealCertificateSha256: string | null;
}
