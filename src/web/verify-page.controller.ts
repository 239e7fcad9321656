import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VerificationResponse } from '../agreements/agreements.dto';
import { AgreementsService } from '../agreements/agreements.service';
import { Public } from '../access/roles.decorator';
import { AppError } from '../common/errors/app-error';
import { readUploadedFile } from '../common/upload';
import type { NoticeVerificationResponse } from '../notifications/notice-verification.dto';
import { CodeVerificationService } from '../verification/code-verification.service';
import type { CodeVerification } from '../verification/code-verification.service';
import { PageController } from './page-controller.decorator';
import { emptyForm, formFailure } from './page-forms';
import { pageLocale } from './page-locale';
import { PageRenderer } from './page-renderer';

/**
 * Genuine (with what the API tells of it, nothing personal: for an agreement whether its seal
 * is broken, for a notice what it was in the reader's language), or not one of ours.
 */
type Verdict =
  | ({ genuine: true; sealBroken: boolean } & VerificationResponse)
  | ({ genuine: true; aboutWords: string } & NoticeVerificationResponse)
  | { genuine: false };

/**
 * `/verify`: is this notice or agreement genuine? By its code (a GET form, so a link in a
 * mail's footer can carry the code; counted per address as the API counts it) or by the PDF
 * file itself; the same service calls as `GET /api/v1/verify/:code` and `POST /api/v1/verify`.
 */
@PageController('verify')
export class VerifyPageController {
  constructor(
    private readonly codes: CodeVerificationService,
    private readonly agreements: AgreementsService,
    private readonly pages: PageRenderer,
  ) {}

  @Public()
  @Get()
  async byCode(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('code') code?: unknown,
  ): Promise<void> {
    if (typeof code !== 'string' || code.trim() === '') {
      return this.pages.render(req, reply, 'verify', { form: emptyForm() });
    }
    const verdict = await this.verdict(req, () => this.codes.verify(code, req.ip));
    return this.pages.render(req, reply, 'verify', {
      form: emptyForm({ code }),
      verdict,
      checked: 'code',
    });
  }

  @Public()
  @Post()
  async byFile(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let verdict: Verdict;
    try {
      const { buffer } = await readUploadedFile(req);
      verdict = await this.verdict(req, () => this.agreements.verifyFile(buffer));
    } catch (e) {
      const form = formFailure(e, {});
      return this.pages.render(req, reply, 'verify', { form }, { status: form.status });
    }
    return this.pages.render(req, reply, 'verify', {
      form: emptyForm(),
      verdict,
      checked: 'file',
    });
  }

  private async verdict(
    req: FastifyRequest,
    check: () => Promise<CodeVerification>,
  ): Promise<Verdict> {
    try {
      const found = await check();
      if (found.kind === 'notice') {
        return { genuine: true, aboutWords: found.about[pageLocale(req).locale], ...found };
      }
      const s = found.seal;
      const sealBroken = !!s && !(s.valid && s.coversWholeFile && s.centreCertificate);
      return { genuine: true, sealBroken, ...found };
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return { genuine: false };
      throw e;
    }
  }
}
