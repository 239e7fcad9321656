import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse } from '../common/errors/error-response.dto';
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
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'A field is invalid' })
  @ApiResponse({ status: 429, type: ErrorResponse, description: 'Too many sign-ups' })
  register(@Body() dto: RegisterDto, @Req() req: FastifyRequest): Promise<RegistrationResponse> {
    return this.auth.register(dto, req.ip);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a short-lived access token' })
  @ApiResponse({ status: 200, type: AuthResponse })
  @ApiResponse({ status: 401, type: ErrorResponse })
  @ApiResponse({ status: 429, type: ErrorResponse, description: 'Too many failed logins' })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<AuthResponse> {
    return this.auth.login(dto, req.ip);
  }

  @AnyRole()
  @Get('me')
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: MeResponse })
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(principal);
  }
}
