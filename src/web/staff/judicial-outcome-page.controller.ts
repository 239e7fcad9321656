import { Body, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal';
import { CurrentPrincipal, Roles } from '../../access/roles.decorator';
import { CaseIdPipe } from '../../cases/case-id.pipe';
import { AppError } from '../../common/errors/app-error';
import { RecordOutcomeDto } from '../../judicial/judicial.dto';
import { JudicialService } from '../../judicial/judicial.service';
import { CasePageData } from '../case/case-page.data';
import { PageController } from '../page-controller.decorator';
import { submitForm } from '../page-forms';
import type { FormBody } from '../page-forms';
import { pageLocale } from '../page-locale';
import { PageRenderer } from '../page-renderer';

/**
 * The clerk's form of the 司法确认 section on `/cases/:id`: what the court did (filed, then
 * confirmed or refused with its reasons), bound to the API's `RecordOutcomeDto` and run by the
 * same `JudicialService.recordOutcome()` as `POST /api/v1/cases/:id/judicial-confirmation/outcome`.
 */
@PageController('cases')
export class JudicialOutcomePageController {
  constructor(
    private readonly data: CasePageData,
    private readonly judicial: JudicialService,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('clerk')
  @Post(':id/judicial-confirmation/outcome')
  async outcome(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(RecordOutcomeDto, body, (dto) =>
      this.judicial.recordOutcome(p, id, dto),
    );
    if (outcome.ok) {
      return this.pages.redirect(reply, `/cases/${id}#judicial`, {
        kind: 'success',
        key: `flash.judicialOutcome.${outcome.result.status}`,
      });
    }
    // Not the centre's case, or nothing asked: the API's 404, as a page.
    if (outcome.form.status === 404) {
      throw new AppError('NOT_FOUND', outcome.form.alert ?? 'case not found');
    }
    const form = { name: 'judicialOutcome', form: outcome.form };
    const data = await this.data.load(p, id, pageLocale(req).locale, form);
    return this.pages.render(req, reply, 'case', data, { status: outcome.form.status });
  }
}
