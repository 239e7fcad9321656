import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { UserResponse } from '../users/users.dto';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password the account has now' })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200, { message: 'must be at least 10 characters' })
  newPassword: string;
}

export class ResetPasswordDto {
  @ApiProperty({
    minLength: 10,
    maxLength: 200,
    description: 'A new password, given to its owner out of band',
  })
  @IsString()
  @Length(10, 200, { message: 'must be at least 10 characters' })
  password: string;
}

export class AccountResponse extends UserResponse {
  @ApiProperty({ description: 'False once deactivated: the account can neither sign in nor act' })
  active: boolean;
}

export const REGISTRATION_RECEIVED =
  'Thank you. We have sent a mail to this address; if you have just made an account, sign in.';

/** The same answer whether the address was new or already had an account. */
export class RegistrationResponse {
  @ApiProperty({ example: REGISTRATION_RECEIVED }) message: string;
}
