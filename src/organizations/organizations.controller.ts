import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal, UserPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Roles } from '../access/roles.decorator';
import { ErrorResponse } from '../common/errors/error-response.dto';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreateOrganizationDto,
  CreatedApiKeyResponse,
  OrganizationListQuery,
  OrganizationResponse,
  UpdateOrganizationDto,
} from './organizations.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorResponse })
@ApiResponse({ status: 403, type: ErrorResponse })
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Roles('admin')
  @Post()
  @ApiResponse({ status: 201, type: OrganizationResponse })
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.organizations.create(dto);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'Organizations by name (e.g. `type=lender` when filing a case)' })
  @ApiResponse({ status: 200, type: [OrganizationResponse] })
  list(
    @Query() query: OrganizationListQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<OrganizationResponse[]> {
    return this.organizations.list(query.type, p.role === 'admin');
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({
    summary: 'Set an organization’s registered details (credit code, address; a centre’s court)',
    description:
      'Only the fields sent change. An agreement cannot be drafted until the lender has its credit code and registered address and the centre names its court.',
  })
  @ApiResponse({ status: 200, type: OrganizationResponse })
  @ApiResponse({ status: 400, type: ErrorResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationResponse> {
    return this.organizations.update(id, dto);
  }

  @Roles('admin')
  @Post(':id/api-keys')
  @ApiOperation({
    summary: 'Issue an API key for a lender organization; the key is shown once',
    description:
      'A key signs agreements only if it names its signing agent (`signingAgent`: the person and their title), who is printed on the agreement as the lender’s signer.',
  })
  @ApiResponse({ status: 201, type: CreatedApiKeyResponse })
  createApiKey(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateApiKeyDto,
    @CurrentUser() p: UserPrincipal,
  ): Promise<CreatedApiKeyResponse> {
    return this.organizations.createApiKey(id, dto, p.userId);
  }

  @Roles('admin')
  @Get(':id/api-keys')
  @ApiResponse({ status: 200, type: [ApiKeyResponse] })
  listApiKeys(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyResponse[]> {
    return this.organizations.listApiKeys(id);
  }

  @Roles('admin')
  @Delete(':id/api-keys/:keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key: it is refused (401) from the next request on' })
  async revokeApiKey(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
  ): Promise<void> {
    await this.organizations.revokeApiKey(id, keyId);
  }
}
