import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { UserPrincipal } from '../access/principal';
import { CurrentUser, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { IdPipe } from '../common/id.pipe';
import { AuthResponse } from '../users/users.dto';
import { AccountResponse, ChangePasswordDto, ResetPasswordDto } from './account.dto';
import { AccountService } from './account.service';

const USER_ID = new IdPipe('user');

@ApiTags('accounts')
@Controller()
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Roles('borrower', 'clerk', 'mediator', 'lender', 'admin')
  @Post('auth/password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your own password; every other token and page session of yours ends',
  })
  @ApiResponse({ status: 200, type: AuthResponse, description: 'A fresh token' })
  @ApiErrors({
    VALIDATION_FAILED: 'a field is invalid, or `currentPassword` is not your password',
    FORBIDDEN: 'an API key has no password: a person changes their own',
    TOO_MANY_REQUESTS: 'too many wrong passwords for this account; `Retry-After` says when',
  })
  changePassword(
    @CurrentUser() caller: UserPrincipal,
    @Body() dto: ChangePasswordDto,
  ): Promise<AuthResponse> {
    return this.accounts.changePassword(caller, dto);
  }

  @Roles('admin')
  @Get('admin/users')
  @ApiOperation({ summary: 'The staff accounts, active or not, by role then name' })
  @ApiResponse({ status: 200, type: [AccountResponse], description: 'Every staff account' })
  listStaff(): Promise<AccountResponse[]> {
    return this.accounts.listStaff();
  }

  @Roles('admin')
  @Post('admin/users/:id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an account: it can no longer sign in; its tokens end' })
  @ApiResponse({ status: 200, type: AccountResponse, description: 'The account, deactivated' })
  @ApiErrors({ NOT_FOUND: 'no such user', CONFLICT: 'your own account' })
  deactivate(
    @CurrentUser() admin: UserPrincipal,
    @Param('id', USER_ID) id: string,
  ): Promise<AccountResponse> {
    return this.accounts.deactivate(admin, id);
  }

  @Roles('admin')
  @Post('admin/users/:id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate an account; tokens from before stay ended' })
  @ApiResponse({ status: 200, type: AccountResponse, description: 'The account, active' })
  @ApiErrors({ NOT_FOUND: 'no such user' })
  reactivate(@Param('id', USER_ID) id: string): Promise<AccountResponse> {
    return this.accounts.reactivate(id);
  }

  @Roles('admin')
  @Post('admin/users/:id/password')
  @HttpCode(200)
  @ApiOperation({ summary: "Reset an account's password; its tokens and page sessions end" })
  @ApiResponse({ status: 200, type: AccountResponse, description: 'The account' })
  @ApiErrors({ NOT_FOUND: 'no such user' })
  resetPassword(
    @Param('id', USER_ID) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<AccountResponse> {
    return this.accounts.resetPassword(id, dto.password);
  }
}
