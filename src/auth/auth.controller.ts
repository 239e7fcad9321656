import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/openapi/api-docs';
import { AuthResponse, LoginDto, MeResponse, RegisterDto } from '../users/users.dto';
import { RegistrationResponse } from './account.dto';
import { AuthService } from './auth.service';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal, Public } from '../access/roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Borrower sign-up (staff accounts are created by an admin)' })
  @HttpCode(202)
  @ApiResponse({
    status: 202,
    type: RegistrationResponse,
    description:
      'The same answer for a new address and a known one; a mail to the address says which. ' +
      'A new account signs in with `POST /auth/login`.',
  })
  @ApiErrors({
    VALIDATION_FAILED: 'a field is invalid (or unknown, such as `role`)',
    TOO_MANY_REQUESTS:
      'too many sign-ups from this address or for this email; `Retry-After` says when to try again',
  })
  register(@Body() dto: RegisterDto, @Req() req: FastifyRequest): Promise<RegistrationResponse> {
    return this.auth.register(dto, req.ip);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a short-lived access token' })
  @ApiResponse({ status: 200, type: AuthResponse, description: 'A token and who it is for' })
  @ApiErrors('INVALID_CREDENTIALS', {
    TOO_MANY_REQUESTS:
      'too many failed logins for this account or address; `Retry-After` says when to try again',
  })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<AuthResponse> {
    return this.auth.login(dto, req.ip);
  }

  @AnyRole()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in caller’s account (or the API key’s organisation)' })
  @ApiResponse({ status: 200, type: MeResponse, description: 'The caller' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }
}
