import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UserRepository } from './user.repository';
import { UserRightsRepository } from './user-rights.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { PasswordHasher } from './password-hasher';
import { PrincipalCache } from './principal-cache';

@Module({
  imports: [OrganizationsModule],
  controllers: [UsersController],
  providers: [UsersService, UserRepository, UserRightsRepository, PasswordHasher, PrincipalCache],
  exports: [UsersService, UserRepository, UserRightsRepository, PasswordHasher, PrincipalCache],
})
export class UsersModule {}
