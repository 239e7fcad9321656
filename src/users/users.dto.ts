import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsResidentId, MAINLAND_MOBILE } from './identity';
import { STAFF_ROLES } from '../common/roles';
import type { Role } from '../common/roles';
import { IsPrintedName } from '../common/input/text.decorators';

export class RegisterDto {
  @ApiProperty({ example: '张三', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @IsPrintedName()
  name: string;

  @ApiProperty({ example: 'zhang.san@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '13812345678', description: 'Mainland China mobile number' })
  @IsString()
  @Matches(MAINLAND_MOBILE, {
    message: 'must be a mainland China mobile number such as 13812345678',
  })
  phone: string;

  @ApiProperty({ example: '11010519491231002X', description: '18-digit resident ID number' })
  @IsString()
  @IsResidentId()
  idNumber: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200, { message: 'must be at least 10 characters' })
  password: string;
}

export class LoginDto {
  @ApiProperty({ example: 'zhang.san@example.com' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateStaffDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: Exclude<Role, 'borrower'>;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @IsPrintedName()
  name: string;

  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200, { message: 'must be at least 10 characters' })
  password: string;

  @ApiPropertyOptional({ description: 'Required for clerks, mediators and lender representatives' })
  @ValidateIf((o: CreateStaffDto) => o.role !== 'admin' || o.organizationId !== undefined)
  @IsUUID()
  organizationId?: string;
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['borrower', 'clerk', 'mediator', 'lender', 'admin'] }) role: Role;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
}

export class MeResponse extends UserResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-12-01',
    description:
      'The privacy notice version the person must read and accept (POST /me/privacy-notice/accept) because it changed since they last accepted one; null when nothing is to accept',
  })
  privacyNoticeToAccept: string | null;
}

export class AuthResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}
