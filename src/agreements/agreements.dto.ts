import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { AGREEMENT_PARTIES } from './agreement-signature.entity';
import type { AgreementParty } from './agreement-signature.entity';

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
 * `awaiting_signatures`: the current version, open for signing; `sealed`: both parties signed
 * it and the final PDF is fixed; `superseded`: a later version replaced it (its signatures are
 * void); `void`: the case ended without settlement.
 */
export const AGREEMENT_STATUSES = ['awaiting_signatures', 'sealed', 'superseded', 'void'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export class AgreementTermsResponse {
  @ApiProperty({ example: '8000.00' }) settlementAmount: string;
  @ApiProperty({ example: '1650.40' }) waivedAmount: string;
  @ApiProperty({ example: 12 }) installments: number;
  @ApiProperty({ example: '2027-01-15' }) firstDueDate: string;
  @ApiProperty({ type: [String] }) clauses: string[];
}

export class ScheduleRowResponse {
  @ApiProperty({ example: 1 }) seq: number;
  @ApiProperty({ example: '2027-01-15' }) dueDate: string;
  @ApiProperty({ example: '666.66' }) amount: string;
}

export class SignatureResponse {
  @ApiProperty({ enum: AGREEMENT_PARTIES }) party: AgreementParty;
  @ApiProperty({ description: 'The borrower, or the lender organisation' }) name: string;
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
      'SHA-256 (hex) of the bytes GET …/agreement/pdf serves for this version now: the draft until both parties signed, the sealed PDF after',
  })
  sha256: string;
  @ApiProperty({
    description:
      'SHA-256 of the draft PDF: what a signer confirms having read (sign_agreement `sha256`)',
  })
  draftSha256: string;
  @ApiProperty({ nullable: true, type: String }) sealedSha256: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When both parties had signed' })
  sealedAt: string | null;
  @ApiProperty({ type: [SignatureResponse], description: 'Signatures of this version only' })
  signatures: SignatureResponse[];
  @ApiProperty({ example: 'K7QF-3M9D-XR2P' }) verificationCode: string;
  @ApiProperty({ example: 'http://localhost:3000/api/v1/verify/K7QF-3M9D-XR2P' })
  verifyUrl: string;
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

/** What anyone may learn from a verification code or a file: nothing personal. */
export class VerificationResponse {
  @ApiProperty({ example: 'MED-2026-000123' }) caseNumber: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'SHA-256 of the sealed PDF; null while the version is not sealed',
  })
  sha256: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the last party signed (the seal); null while not sealed',
  })
  signedAt: string | null;
}
