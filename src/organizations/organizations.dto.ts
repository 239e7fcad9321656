import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCreditCode } from './credit-code';
import { ORGANIZATION_TYPES } from './organization.entity';
import type { OrganizationType } from './organization.entity';
import { IsPrintedName } from '../common/input/text.decorators';

/** A yearly rate in percent with two decimals: "24.00". */
export const PERCENT_PATTERN = /^(100\.00|[1-9]?\d\.\d{2})$/;

/** The registered details an agreement prints (人民调解法 art. 29 (1)); set by an admin. */
export class OrganizationDetailsDto {
  @ApiPropertyOptional({
    example: '91310115MA1K4XXXXX',
    description: '统一社会信用代码: 18 characters, check character validated',
  })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: '上海市浦东新区世纪大道 100 号', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  registeredAddress?: string;

  @ApiPropertyOptional({
    example: '上海市浦东新区人民法院',
    maxLength: 100,
    description: 'Mediation centres only: the basic-level people’s court where it sits (司法确认)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  courtName?: string;

  @ApiPropertyOptional({
    example: '24.00',
    description:
      'Mediation centres only: the ceiling on a debt’s annual cost in percent a year; the mediator is warned above it. Default 24.00',
  })
  @IsOptional()
  @Matches(PERCENT_PATTERN, {
    message: 'must be a percentage from 0.01 to 100.00, such as "24.00"',
  })
  annualCostCeiling?: string;
}

export class CreateOrganizationDto extends OrganizationDetailsDto {
  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type: OrganizationType;

  @ApiProperty({ example: '好分期金融服务有限公司', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @IsPrintedName()
  name: string;

  @ApiProperty({ example: 'mediation@lender.example.com' })
  @IsEmail()
  @MaxLength(254)
  contactEmail: string;
}

export class UpdateOrganizationDto extends OrganizationDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
}

export class OrganizationListQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;
}

export class OrganizationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: OrganizationType;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ description: 'Shown to admins only' }) contactEmail?: string;
  @ApiProperty({ nullable: true, type: String }) creditCode: string | null;
  @ApiProperty({ nullable: true, type: String }) registeredAddress: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Mediation centres' })
  courtName?: string | null;
  @ApiPropertyOptional({ example: '24.00', description: 'Mediation centres' })
  annualCostCeiling?: string;
}

export class SigningAgentDto {
  @ApiProperty({ example: '王芳', maxLength: 100, description: 'The person who signs' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: '法务部经理', maxLength: 100, description: 'Their title or capacity' })
  @IsString()
  @Length(1, 100)
  title: string;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'core-banking', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsPrintedName()
  name?: string;

  @ApiPropertyOptional({
    type: SigningAgentDto,
    description:
      'The named person who signs agreements through this key; a key without one cannot sign',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SigningAgentDto)
  signingAgent?: SigningAgentDto;
}

export class SigningAgentResponse {
  @ApiProperty() name: string;
  @ApiProperty() title: string;
}

export class ApiKeyResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: SigningAgentResponse, nullable: true })
  signingAgent: SigningAgentResponse | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedApiKeyResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The key itself, shown this once only' }) key: string;
}
