import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UserRepository } from './user.repository';
import { UserRightsRepository } from './user-rights.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [UsersController],
  providers: [UsersService, UserRepository, UserRightsRepository],
  exports: [UsersService, UserRepository, UserRightsRepository],
})
export class UsersModule {}
