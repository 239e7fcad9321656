import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserPrincipal } from '../../access/principal';
import { CurrentUser, Roles } from '../../access/roles.decorator';
import { CorrectContactDto } from '../../rights/rights.dto';
import { RightsExportService } from '../../rights/rights-export.service';
import { RightsService } from '../../rights/rights.service';
import { PageController } from '../page-controller.decorator';
import { emptyForm, submitForm } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';
import { PageRenderer } from '../page-renderer';
import { sendFile } from '../../common/http/send-file';

/** `/me`: a borrower's rights over their data, by the services of `/api/v1/me/*`. */
@PageController('me')
export class MyDataPageController {
  constructor(
    private readonly rights: RightsService,
    private readonly exports: RightsExportService,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('borrower')
  @Get()
  show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
  ): Promise<void> {
    return this.render(req, reply, p, emptyForm());
  }

  /** The same JSON document as `GET /api/v1/me/data`, as a download. */
  @Roles('borrower')
  @Get('data.json')
  async download(@Res() reply: FastifyReply, @CurrentUser() p: UserPrincipal): Promise<void> {
    const data = await this.exports.myData(p);
    await sendFile(reply, {
      contentType: 'application/json; charset=utf-8',
      filename: 'my-data.json',
      body: JSON.stringify(data, null, 2),
    });
  }

  @Roles('borrower')
  @Post('contact')
  async correct(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() p: UserPrincipal,
    @Body() body: FormBody,
  ): Promise<void> {
    const out = await submitForm(CorrectContactDto, body, (dto) =>
      this.rights.correctContact(p, dto),
    );
    if (!out.ok) return this.render(req, reply, p, out.form);
    return this.pages.redirect(reply, '/me', { kind: 'success', key: 'flash.contactCorrected' });
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    p: UserPrincipal,
    form: FormState,
  ) {
    const requests = await this.rights.requests(p);
    return this.pages.render(
      req,
      reply,
      'rights/me',
      { form, requests },
      { status: form.status, titleKey: 'me.title', page: 'me' },
    );
  }
}
