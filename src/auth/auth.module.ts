import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { AccountMailbox } from './account-mail';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { ApiKeyStrategy } from './api-key.strategy';
import { AuthController } from './auth.controller';
import { AuthService, JWT_ALGORITHM } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { RegistrationThrottle } from './registration-throttle';
import { PrincipalRepository } from './principal.repository';

@Module({
  imports: [
    PassportModule,
    UsersModule,
    OrganizationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret!,
        signOptions: { algorithm: JWT_ALGORITHM },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
  ],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    AccountService,
    AccountMailbox,
    JwtStrategy,
    ApiKeyStrategy,
    LoginThrottle,
    PrincipalRepository,
    RegistrationThrottle,
  ],
  exports: [AuthService, AccountMailbox, AccountService],
})
export class AuthModule {}
