import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ORGANIZATION_TYPES } from './organization.entity';
import type { OrganizationType } from './organization.entity';
import { IsPrintedName } from '../common/input/text.decorators';

export class CreateOrganizationDto {
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
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'core-banking', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsPrintedName()
  name?: string;
}

export class ApiKeyResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedApiKeyResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The key itself, shown this once only' }) key: string;
}
