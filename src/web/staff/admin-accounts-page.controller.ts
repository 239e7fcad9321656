import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { ResetPasswordDto } from '../../auth/account.dto';
import { AccountService } from '../../auth/account.service';
import { IdPipe } from '../../common/id.pipe';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm, formFailure, submitForm } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer, pagePrincipal } from '../page-renderer';

const USER_ID = new IdPipe('user');

/** A refused form of one account's row, shown again beside that row. */
interface RowForm {
  userId: string;
  form: FormState;
}

/**
 * `/admin/accounts`: the staff accounts (`GET /admin/users`) with deactivate, reactivate and
 * reset password on each (`POST /admin/users/:id/deactivate|reactivate|password`), calling
 * the same AccountService methods, so a deactivated account is refused at sign-in and every
 * session of a reset one ends, as through the API.
 */
@PageController('admin/accounts')
@Roles('admin')
export class AdminAccountsPageController {
  constructor(
    private readonly accounts: AccountService,
    private readonly organizations: OrganizationsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.renderList(req, reply);
  }

  @Post(':id/deactivate')
  async deactivate(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() admin: UserPrincipal,
    @Param('id', USER_ID) id: string,
  ): Promise<void> {
    try {
      await this.accounts.deactivate(admin, id);
    } catch (e) {
      return this.renderList(req, reply, { userId: id, form: formFailure(e, {}) });
    }
    return this.pages.redirect(reply, '/admin/accounts', {
      kind: 'success',
      key: 'flash.admin.accountDeactivated',
    });
  }

  @Post(':id/reactivate')
  async reactivate(@Res() reply: FastifyReply, @Param('id', USER_ID) id: string): Promise<void> {
    await this.accounts.reactivate(id);
    return this.pages.redirect(reply, '/admin/accounts', {
      kind: 'success',
      key: 'flash.admin.accountReactivated',
    });
  }

  @Post(':id/password')
  async resetPassword(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', USER_ID) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(ResetPasswordDto, body, (dto) =>
      this.accounts.resetPassword(id, dto.password),
    );
    if (!outcome.ok) return this.renderList(req, reply, { userId: id, form: outcome.form });
    return this.pages.redirect(reply, '/admin/accounts', {
      kind: 'success',
      key: 'flash.admin.passwordReset',
    });
  }

  private async renderList(req: FastifyRequest, reply: FastifyReply, failed?: RowForm) {
    const [accounts, organizations] = await Promise.all([
      this.accounts.listStaff(),
      this.organizations.list(pagePrincipal(req)!, undefined),
    ]);
    const orgName = new Map(organizations.map((o) => [o.id, o.name]));
    const rows = accounts.map((a) => ({
      ...a,
      organizationName: a.organizationId ? (orgName.get(a.organizationId) ?? null) : null,
      self: a.id === pagePrincipal(req)?.userId,
      form: failed?.userId === a.id ? failed.form : emptyForm(),
    }));
    return this.pages.render(
      req,
      reply,
      'staff/admin-accounts',
      { accounts: rows },
      {
        status: failed?.form.status ?? 200,
        titleKey: 'admin.accounts.title',
        page: 'admin-accounts',
      },
    );
  }
}
