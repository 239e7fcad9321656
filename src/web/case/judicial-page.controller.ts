import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal';
import { CurrentPrincipal, Roles } from '../../access/roles.decorator';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { AppError } from '../../common/errors/app-error';
import { sendFile } from '../../common/http/send-file';
import { JudicialDocumentsService } from '../../judicial/judicial-documents.service';
import { JudicialService } from '../../judicial/judicial.service';
import { PageController } from '../page-controller.decorator';
import { formFailure } from '../page-forms';
import type { FormState } from '../page-forms';
import { pageLocale } from '../page-locale';
import { PageRenderer } from '../page-renderer';
import { CasePageData } from './case-page.data';
import type { JudicialFormName } from './case-judicial.data';

/**
 * The parties' side of the 司法确认 section on `/cases/:id`: ask, join, and the two documents.
 * Each runs the same service method, with the same roles, as its API route
 * (`POST /api/v1/cases/:id/judicial-confirmation`, `…/join`, `GET …/application.pdf`,
 * `GET …/packet.zip`), so the page refuses whom the API refuses and 404s whom it 404s. The
 * clerk's record of the outcome is the staff pages' (src/web/staff/judicial-outcome-page).
 */
@PageController('cases')
export class JudicialPageController {
  constructor(
    private readonly data: CasePageData,
    private readonly judicial: JudicialService,
    private readonly documents: JudicialDocumentsService,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('borrower', 'lender')
  @Post(':id/judicial-confirmation')
  ask(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    return this.run(req, reply, p, id, 'judicialAsk', () => this.judicial.ask(p, id));
  }

  @Roles('borrower', 'lender')
  @Post(':id/judicial-confirmation/join')
  join(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<void> {
    return this.run(req, reply, p, id, 'judicialJoin', () => this.judicial.join(p, id));
  }

  /** As `GET /api/v1/cases/:id/judicial-confirmation/application.pdf`. */
  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get(':id/judicial-confirmation/application.pdf')
  async application(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { bytes, filename } = await this.documents.application(p, id);
    await sendFile(reply, { contentType: 'application/pdf', filename, body: bytes });
  }

  /** As `GET /api/v1/cases/:id/judicial-confirmation/packet.zip`. */
  @Roles('borrower', 'lender', 'mediator', 'clerk')
  @Get(':id/judicial-confirmation/packet.zip')
  async packet(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { bytes, filename } = await this.documents.packet(p, id);
    await sendFile(reply, { contentType: 'application/zip', filename, body: bytes });
  }

  private async run(
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    id: string,
    name: JudicialFormName,
    action: () => Promise<unknown>,
  ): Promise<void> {
    let form: FormState;
    try {
      await action();
      return this.pages.redirect(reply, `/cases/${id}#judicial`, {
        kind: 'success',
        key: name === 'judicialAsk' ? 'flash.judicialAsked' : 'flash.judicialJoined',
      });
    } catch (e) {
      // Not theirs, or nothing asked: the API's 404, as a page.
      if (e instanceof AppError && e.status === 404) throw e;
      form = formFailure(e, {});
    }
    const data = await this.data.load(p, id, pageLocale(req).locale, { name, form });
    return this.pages.render(req, reply, 'case', data, { status: form.status });
  }
}
