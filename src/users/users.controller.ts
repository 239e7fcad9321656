import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiKeyPrincipal, StaffPrincipal } from '../access/principal';
import { CurrentStaff, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
import { CreateStaffDto, UserResponse } from './users.dto';
import { toUserResponse, UsersService } from './users.service';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post('users')
  @ApiOperation({
    summary: 'Create a staff account (clerk, mediator, lender representative, admin)',
  })
  @ApiResponse({
    status: 201,
    type: UserResponse,
    description: 'The account, without its password',
  })
  @ApiErrors({ VALIDATION_FAILED: 'a field is wrong, or the email is taken' })
  create(@Body() dto: CreateStaffDto): Promise<UserResponse> {
    return this.users.createStaff(dto);
  }

  @Roles('clerk')
  @Get('mediators')
  @ApiOperation({ summary: "The mediators of the clerk's mediation centre, to assign on `accept`" })
  @ApiResponse({ status: 200, type: [UserResponse], description: 'Active mediators, by name' })
  async mediators(@CurrentStaff() p: StaffPrincipal | ApiKeyPrincipal): Promise<UserResponse[]> {
    return (await this.users.listMediators(p.organizationId)).map(toUserResponse);
  }
}
