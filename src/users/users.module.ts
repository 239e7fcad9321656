import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UserRepository } from './user.repository';
import { UserRightsRepository } from './user-rights.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [OrganizationsModule],
  controllers: [UsersController],
  providers: [UsersService, UserRepository, UserRightsRepository, PasswordHasher],
  exports: [UsersService, UserRepository, UserRightsRepository, PasswordHasher],
})
export class UsersModule {}
