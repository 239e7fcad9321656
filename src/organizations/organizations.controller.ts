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
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal, UserPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Roles } from '../access/roles.decorator';
import { ApiErrors } from '../common/openapi/api-docs';
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
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Create a mediation centre or a lender organization' })
  @ApiResponse({ status: 201, type: OrganizationResponse, description: 'The organization' })
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.organizations.create(dto);
  }

  @AnyRole()
  @Get()
  @ApiOperation({
    summary: 'Organizations by name (e.g. `type=lender` when filing a case)',
    description:
      'A lender (representative or API key) sees the mediation centres and itself only; contact addresses are shown to admins.',
  })
  @ApiResponse({ status: 200, type: [OrganizationResponse], description: 'By name' })
  list(
    @Query() query: OrganizationListQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<OrganizationResponse[]> {
    return this.organizations.list(p, query.type);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({
    summary: 'Set an organization’s registered details (credit code, address; a centre’s court)',
    description:
      'Only the fields sent change. An agreement cannot be drafted until the lender has its credit code and registered address and the centre names its court.',
  })
  @ApiResponse({ status: 200, type: OrganizationResponse, description: 'The organization now' })
  @ApiErrors(
    {
      VALIDATION_FAILED:
        'a field is invalid, or a centre’s own field (`courtName`, `annualCostCeiling`) sent for a lender',
    },
    'NOT_FOUND',
  )
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
  @ApiResponse({
    status: 201,
    type: CreatedApiKeyResponse,
    description: 'The key, shown this once',
  })
  @ApiErrors('NOT_FOUND', { CONFLICT: 'not a lender organization' })
  createApiKey(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateApiKeyDto,
    @CurrentUser() p: UserPrincipal,
  ): Promise<CreatedApiKeyResponse> {
    return this.organizations.createApiKey(id, dto, p.userId);
  }

  @Roles('admin')
  @Get(':id/api-keys')
  @ApiOperation({ summary: 'The API keys of a lender organization (never the keys themselves)' })
  @ApiResponse({ status: 200, type: [ApiKeyResponse], description: 'Newest first, revoked too' })
  @ApiErrors('VALIDATION_FAILED', 'NOT_FOUND')
  listApiKeys(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyResponse[]> {
    return this.organizations.listApiKeys(id);
  }

  @Roles('admin')
  @Delete(':id/api-keys/:keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key: it is refused (401) from the next request on' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiErrors('VALIDATION_FAILED', { NOT_FOUND: 'no such active key of this organization' })
  async revokeApiKey(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
  ): Promise<void> {
    await this.organizations.revokeApiKey(id, keyId);
  }
}
