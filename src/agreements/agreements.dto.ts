import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { AGREEMENT_SIGNERS, SIGNER_CAPACITIES } from './agreement-signature.entity';
import type { AgreementSigner } from './agreement-signature.entity';
import type { SignerCapacity } from './agreement-document';

const toInt = ({ value }: { value: unknown }) =>
  /^\d{1,9}$/.test(String(value)) ? Number(value) : value;

export class AgreementVersionQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'An earlier version; default the current one' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  version?: number;
}

export class PrintQueueQuery extends PageQuery {}

/**
 * `awaiting_signatures`: the current version, a draft open for signing and the mediator's
 * confirmation, not in force; `sealed`: both parties and the mediator signed it and the centre
 * sealed it: in force, the final PDF fixed; `superseded`: a later version replaced it (its
 * signatures are void); `void`: the case ended without settlement.
 */
export const AGREEMENT_STATUSES = ['awaiting_signatures', 'sealed', 'superseded', 'void'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export class PaymentResponse {
  @ApiProperty({ enum: ['account', 'channel'] }) kind: 'account' | 'channel';
  @ApiPropertyOptional() accountName?: string;
  @ApiPropertyOptional() bankName?: string;
  @ApiPropertyOptional() accountNumber?: string;
  @ApiPropertyOptional() channel?: string;
}

export class AgreementTermsResponse {
  @ApiProperty({ example: '8000.00' }) settlementAmount: string;
  @ApiProperty({ example: '1650.40' }) waivedAmount: string;
  @ApiProperty({ example: 12 }) installments: number;
  @ApiProperty({ example: '2027-01-15' }) firstDueDate: string;
  @ApiProperty({ type: [String] }) clauses: string[];
  @ApiProperty({ type: PaymentResponse, nullable: true }) payment: PaymentResponse | null;
}

export class ScheduleRowResponse {
  @ApiProperty({ example: 1 }) seq: number;
  @ApiProperty({ example: '2027-01-15' }) dueDate: string;
  @ApiProperty({ example: '666.66' }) amount: string;
}

export class SignatureResponse {
  @ApiProperty({ enum: AGREEMENT_SIGNERS }) party: AgreementSigner;
  @ApiProperty({ description: 'The person who signed: never an organisation' }) name: string;
  @ApiProperty({
    enum: SIGNER_CAPACITIES,
    description: 'self (the borrower), representative or signing_agent (for the lender), mediator',
  })
  capacity: SignerCapacity;
  @ApiProperty({ nullable: true, type: String, description: 'A signing agent’s title' })
  title: string | null;
  @ApiProperty({ example: '2026-12-03T03:15:00.000Z' }) signedAt: string;
}

export class AgreementResponse {
  @ApiProperty() caseId: string;
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ description: 'The highest version of this case', example: 1 })
  currentVersion: number;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  @ApiProperty({ type: AgreementTermsResponse }) terms: AgreementTermsResponse;
  @ApiProperty({ type: [ScheduleRowResponse] }) schedule: ScheduleRowResponse[];
  @ApiProperty({
    description:
      'SHA-256 (hex) of the bytes GET …/agreement/pdf serves for this version now: the draft until the mediator confirmed it, the sealed PDF after',
  })
  sha256: string;
  @ApiProperty({
    description:
      'SHA-256 of the draft PDF: what a signer confirms having read (sign_agreement `sha256`)',
  })
  draftSha256: string;
  @ApiProperty({ nullable: true, type: String }) sealedSha256: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the mediator confirmed it and the centre sealed it',
  })
  sealedAt: string | null;
  @ApiProperty({
    type: [SignatureResponse],
    description: 'Signatures of this version only: the parties’, then the mediator’s',
  })
  signatures: SignatureResponse[];
  @ApiProperty({
    example: 'K7QF-3M9D-XR2P',
    nullable: true,
    type: String,
    description: 'Only a sealed agreement has one: null for a draft',
  })
  verificationCode: string | null;
  @ApiProperty({
    example: 'http://localhost:3000/api/v1/verify/K7QF-3M9D-XR2P',
    nullable: true,
    type: String,
  })
  verifyUrl: string | null;
  @ApiProperty() createdAt: string;
}

export class PrintQueueItem {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() borrowerName: string;
  @ApiProperty() lenderName: string;
  @ApiProperty() version: number;
  @ApiProperty() sealedAt: string;
}

export class PrintQueueResponse {
  @ApiProperty({ type: [PrintQueueItem] }) items: PrintQueueItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** The check of a sealed PDF's electronic signature (PAdES), by the service's own reader. */
export class SealCheckResponse {
  @ApiProperty({ description: 'The signature is correct over the bytes it covers' })
  valid: boolean;
  @ApiProperty({ description: 'It covers the whole file: nothing was added after sealing' })
  coversWholeFile: boolean;
  @ApiProperty({ description: 'The signing certificate is the one that sealed this agreement' })
  centreCertificate: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The certificate’s subject CN' })
  signer: string | null;
  @ApiProperty({ nullable: true, type: String }) signedAt: string | null;
  @ApiPropertyOptional({ description: 'Why not, when not valid' }) reason?: string;
}

/** What anyone may learn from a verification code or a file: nothing personal. */
export class VerificationResponse {
  @ApiProperty({
    enum: ['agreement'],
    description: 'What the code or file is: an agreement (a notice answers `notice`)',
  })
  kind: 'agreement';
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 2, description: 'The highest version of the case’s agreement' })
  currentVersion: number;
  @ApiProperty({ description: 'The checked file is a draft (only a file upload can be one)' })
  draft: boolean;
  @ApiProperty({
    description: 'Whether the version is in force: sealed, and the seal checks out',
  })
  inForce: boolean;
  @ApiProperty({
    description:
      'What the answer means, in words (English); the /verify page says it in the reader’s language',
    example:
      'Version 2 of the agreement of case MED-2026-000123 is in force: signed by both parties and the mediator and sealed by the centre.',
  })
  statement: string;
  @ApiProperty({ type: SealCheckResponse, nullable: true, description: 'Null for a draft' })
  seal: SealCheckResponse | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'SHA-256 of the sealed PDF; null while the version is not sealed',
  })
  sha256: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the mediator confirmed it and the centre sealed it; null while not sealed',
  })
  signedAt: string | null;
}
