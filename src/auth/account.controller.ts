import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { UserPrincipal } from '../access/principal';
import { CurrentUser, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { IdPipe } from '../common/id.pipe';
import { AuthResponse } from '../users/users.dto';
import { AccountResponse, ChangePasswordDto, ResetPasswordDto } from './account.dto';
import { AccountService } from './account.service';

const USER_ID = new IdPipe('user');

@ApiTags('accounts')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
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
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'Wrong current password' })
  @ApiResponse({ status: 429, type: ErrorResponse })
  changePassword(
    @CurrentUser() caller: UserPrincipal,
    @Body() dto: ChangePasswordDto,
  ): Promise<AuthResponse> {
    return this.accounts.changePassword(caller, dto);
  }

  @Roles('admin')
  @Post('admin/users/:id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an account: it can no longer sign in; its tokens end' })
  @ApiResponse({ status: 200, type: AccountResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'Your own account' })
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
  @ApiResponse({ status: 200, type: AccountResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  reactivate(@Param('id', USER_ID) id: string): Promise<AccountResponse> {
    return this.accounts.reactivate(id);
  }

  @Roles('admin')
  @Post('admin/users/:id/password')
  @HttpCode(200)
  @ApiOperation({ summary: "Reset an account's password; its tokens and page sessions end" })
  @ApiResponse({ status: 200, type: AccountResponse })
  @ApiResponse({ status: 400, type: ErrorResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  resetPassword(
    @Param('id', USER_ID) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<AccountResponse> {
    return this.accounts.resetPassword(id, dto.password);
  }
}
