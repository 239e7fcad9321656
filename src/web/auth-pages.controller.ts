import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service';
import { Public } from '../access/roles.decorator';
import { privacyNotice } from '../cases/privacy-notice';
import { LoginDto, RegisterDto } from '../users/users.dto';
import { PageController } from './page-controller.decorator';
import { emptyForm, submitForm } from './page-forms';
import type { FormBody, FormState } from './page-forms';
import { pageLocale } from './page-locale';
import { LANDING, safeNext } from './page-paths';
import { PageRenderer, pagePrincipal } from './page-renderer';
import { PageSignIn } from './page-sign-in';

const withoutPassword = (form: FormState): FormState => {
  const { password: _password, ...values } = form.values;
  return { ...form, values };
};

/** `/register`, `/login`, `/logout`: the same AuthService calls as `/api/v1/auth/*`. */
@PageController()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: PageRenderer,
    private readonly signIns: PageSignIn,
  ) {}

  @Public()
  @Get('register')
  async registerForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const principal = pagePrincipal(req);
    if (principal) return this.pages.redirect(reply, LANDING[principal.role]);
    return this.renderRegister(req, reply, emptyForm());
  }

  @Public()
  @Post('register')
  async register(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(RegisterDto, body, (dto) => this.auth.register(dto, req.ip));
    if (!outcome.ok) return this.renderRegister(req, reply, withoutPassword(outcome.form));
    // The same answer for a new address and a known one (the mail says which): sign in next.
    return this.pages.redirect(reply, '/login', { kind: 'success', key: 'flash.registered' });
  }

  @Public()
  @Get('login')
  async loginForm(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: unknown,
  ): Promise<void> {
    const principal = pagePrincipal(req);
    if (principal) return this.pages.redirect(reply, safeNext(next) ?? LANDING[principal.role]);
    return this.pages.render(req, reply, 'login', {
      form: emptyForm(),
      next: safeNext(next),
    });
  }

  @Public()
  @Post('login')
  async login(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ): Promise<void> {
    const outcome = await submitForm(LoginDto, body, (dto) => this.auth.login(dto, req.ip));
    const next = safeNext(body?._next);
    if (!outcome.ok) {
      return this.pages.render(
        req,
        reply,
        'login',
        { form: withoutPassword(outcome.form), next },
        { status: outcome.form.status },
      );
    }
    await this.signIns.signIn(req, reply, outcome.result.user.id);
    return this.pages.redirect(reply, next ?? LANDING[outcome.result.user.role]);
  }

  /** Public, so that a browser whose session already ended can still clear its cookie. */
  @Public()
  @Post('logout')
  async logout(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.signIns.signOut(req, reply);
    return this.pages.redirect(reply, '/', { kind: 'info', key: 'flash.signedOut' });
  }

  private renderRegister(req: FastifyRequest, reply: FastifyReply, form: FormState) {
    return this.pages.render(
      req,
      reply,
      'register',
      // The notice of GET /api/v1/privacy-notice, in the page's language.
      { form, privacyNotice: privacyNotice(pageLocale(req).locale) },
      { status: form.status },
    );
  }
}
