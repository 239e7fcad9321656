import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CONSENTS } from '../cases/case-consent.entity';
import { RIGHTS_KINDS } from './rights-request.entity';

export class CorrectContactDto {
  @ApiPropertyOptional({ example: 'li.hua@example.cn' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @Matches(/^1[3-9]\d{9}$/, { message: 'must be a mainland mobile number (11 digits, 1[3-9]…)' })
  phone?: string;

  @ApiPropertyOptional({ example: '上海市浦东新区张杨路 500 号 1201 室', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  postalAddress?: string;

  @ApiPropertyOptional({
    description: 'The case whose postal address changes; all the person’s open cases if left out',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class ConfirmDto {
  @ApiProperty({ enum: [true], description: 'You read what follows (GET first) and confirm' })
  @Equals(true, { message: 'must be true: read what follows, then confirm' })
  confirm: boolean;
}

export class ConsentStateResponse {
  @ApiProperty({ enum: CONSENTS }) kind: string;
  @ApiProperty({ enum: ['in_force', 'withdrawn', 'declined'] }) state: string;
  @ApiProperty({ nullable: true, type: String }) grantedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-01' })
  privacyNoticeVersion: string | null;
  @ApiProperty({ description: 'What withdrawing it would do, to read before confirming' })
  consequence: string;
}

export class ServiceAddressEntryResponse {
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) postalAddress: string | null;
  @ApiProperty({ enum: ['filing', 'change'] }) reason: string;
  @ApiProperty() confirmedAt: string;
}

export class RightsRequestResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: RIGHTS_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) request: Record<string, unknown>;
  @ApiProperty({ enum: ['done', 'refused'] }) outcome: string;
  @ApiProperty() answer: string;
  @ApiProperty() at: string;
}

export class AcceptNoticeDto {
  @ApiProperty({ example: '2026-12-01' })
  @IsString()
  @Length(1, 20)
  version: string;
}
