import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { PAGE_SESSION_LIFETIME_MS, PageSessionService } from './page-session.service';
import { cookieOptions, SESSION_COOKIE } from './web-cookies';

/** The session cookie of a browser: set at sign-in, ended and cleared at sign-out. */
@Injectable()
export class PageSignIn {
  constructor(
    private readonly sessions: PageSessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session (and token) at every sign-in; a session the browser had before ends. */
  async signIn(req: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
    await this.sessions.end(req.cookies[SESSION_COOKIE]);
    const token = await this.sessions.start(userId);
    reply.setCookie(SESSION_COOKIE, token, {
      ...cookieOptions(this.config),
      maxAge: PAGE_SESSION_LIFETIME_MS / 1000,
    });
  }

  async signOut(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.end(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { ...cookieOptions(this.config) });
  }
}
