import { Body, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { STAFF_ROLES } from '../../common/roles';
import { ORGANIZATION_TYPES } from '../../organizations/organization.entity';
import { CreateApiKeyDto, CreateOrganizationDto } from '../../organizations/organizations.dto';
import type { CreatedApiKeyResponse } from '../../organizations/organizations.dto';
import { OrganizationsService } from '../../organizations/organizations.service';
import { CreateStaffDto } from '../../users/users.dto';
import { UsersService } from '../../users/users.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm, submitForm } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer, pagePrincipal } from '../page-renderer';

interface Forms {
  organization?: FormState;
  staff?: FormState;
}

/**
 * `/admin`: organisations (create), staff accounts (create) and a lender's API keys (issue,
 * shown once; revoke), each form bound to the API route's DTO and calling its service method
 * (`POST /organizations`, `POST /users`, `POST|DELETE /organizations/:id/api-keys`).
 */
@PageController('admin')
@Roles('admin')
export class AdminPageController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.renderConsole(req, reply, {});
  }

  @Post('organizations')
  async createOrganization(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(CreateOrganizationDto, body, (dto) =>
      this.organizations.create(dto),
    );
    if (!outcome.ok) return this.renderConsole(req, reply, { organization: outcome.form });
    return this.pages.redirect(reply, `/admin/organizations/${outcome.result.id}`, {
      kind: 'success',
      key: 'flash.admin.organizationCreated',
    });
  }

  @Post('users')
  async createStaff(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(CreateStaffDto, body, (dto) => this.users.createStaff(dto));
    if (!outcome.ok) return this.renderConsole(req, reply, { staff: outcome.form });
    return this.pages.redirect(reply, '/admin', {
      kind: 'success',
      key: 'flash.admin.staffCreated',
    });
  }

  @Get('organizations/:id')
  organization(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.renderOrganization(req, reply, id);
  }

  @Post('organizations/:id/api-keys')
  async createKey(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(CreateApiKeyDto, body, (dto) =>
      this.organizations.createApiKey(id, dto, p.userId),
    );
    // The key is shown on this answer only (not after a redirect): it is never stored whole.
    if (!outcome.ok) return this.renderOrganization(req, reply, id, outcome.form);
    return this.renderOrganization(req, reply, id, undefined, outcome.result);
  }

  @Post('organizations/:id/api-keys/:keyId/revoke')
  async revokeKey(
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
  ): Promise<void> {
    await this.organizations.revokeApiKey(id, keyId);
    return this.pages.redirect(reply, `/admin/organizations/${id}`, {
      kind: 'success',
      key: 'flash.admin.keyRevoked',
    });
  }

  private async renderConsole(req: FastifyRequest, reply: FastifyReply, forms: Forms) {
    const organizations = await this.organizations.list(pagePrincipal(req)!, undefined);
    const failed = forms.organization ?? forms.staff;
    return this.pages.render(
      req,
      reply,
      'staff/admin',
      {
        organizations,
        organizationForm: forms.organization ?? emptyForm(),
        staffForm: forms.staff ?? emptyForm(),
        typeOptions: ORGANIZATION_TYPES.map((v) => ({ value: v, key: `admin.types.${v}` })),
        roleOptions: STAFF_ROLES.map((v) => ({ value: v, key: `role.${v}` })),
        organizationOptions: organizations.map((o) => ({ value: o.id, text: o.name })),
      },
      { status: failed?.status ?? 200, titleKey: 'admin.title', page: 'admin' },
    );
  }

  private async renderOrganization(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    keyForm?: FormState,
    created?: CreatedApiKeyResponse,
  ) {
    const org = await this.organizations.findOrFail(id);
    const keys = org.type === 'lender' ? await this.organizations.listApiKeys(id) : [];
    return this.pages.render(
      req,
      reply,
      'staff/admin-organization',
      { organization: org, keys, keyForm: keyForm ?? emptyForm(), created: created ?? null },
      {
        status: keyForm?.status ?? 200,
        titleKey: 'admin.organizationTitle',
        page: 'admin-organization',
      },
    );
  }
}
