import { Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VerificationResponse } from '../agreements/agreements.dto';
import { AgreementsService } from '../agreements/agreements.service';
import { Public } from '../access/roles.decorator';
import { AppError } from '../common/errors/app-error';
import { assertPdf, readUploadedFile } from '../common/upload';
import { FileCheckGuard } from '../common/verification-throttle';
import type { NoticeVerificationResponse } from '../notifications/notice-verification.dto';
import { PlansService } from '../plans/plans.service';
import type { CertificateCheck } from '../plans/settlement-certificate.service';
import { CodeVerificationService } from '../verification/code-verification.service';
import type { CodeVerification } from '../verification/code-verification.service';
import { PageController } from './page-controller.decorator';
import { emptyForm, formFailure } from './page-forms';
import { pageLocale } from './page-locale';
import { PageRenderer } from './page-renderer';

/**
 * Genuine (with what the API tells of it, nothing personal: for an agreement or a settlement
 * certificate whether its seal is broken, for a notice what it was in the reader's language),
 * or not one of ours.
 */
type Verdict =
  | ({ genuine: true; sealBroken: boolean } & VerificationResponse)
  | ({ genuine: true; aboutWords: string } & NoticeVerificationResponse)
  | ({ genuine: true; kind: 'certificate'; sealBroken: boolean } & CertificateCheck)
  | { genuine: false };

/**
 * `/verify`: is this notice, agreement or 结清证明 genuine? By its code (a GET form, so a link
 * in a mail's footer can carry the code; counted per address as the API counts it) or by the
 * PDF file itself. One upload form takes either document, as a borrower holding a PDF does not
 * know which check it needs: the file is looked up as an agreement, then as a certificate —
 * the same service calls as `GET /api/v1/verify/:code`, `POST /api/v1/verify` and
 * `POST /api/v1/verify/settlement-certificate`. A file that is no PDF at all is told so.
 */
@PageController('verify')
export class VerifyPageController {
  constructor(
    private readonly codes: CodeVerificationService,
    private readonly agreements: AgreementsService,
    private readonly plans: PlansService,
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
  @UseGuards(FileCheckGuard)
  async byFile(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let verdict: Verdict;
    try {
      const { buffer } = await readUploadedFile(req);
      assertPdf(buffer);
      verdict = await this.verdict(req, () => this.agreements.verifyFile(buffer));
      if (!verdict.genuine) verdict = await this.certificate(buffer);
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

  private async certificate(buffer: Buffer): Promise<Verdict> {
    try {
      const found = await this.plans.verifyCertificate(buffer);
      return { genuine: true, kind: 'certificate', sealBroken: !found.intact, ...found };
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return { genuine: false };
      throw e;
    }
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
