import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorPages } from '../common/errors/error-pages';
import { PageRenderer, pagePrincipal } from './page-renderer';
import { PageSessionService } from './page-session.service';
import { isPagePath, safeNext } from './page-paths';
import { SESSION_COOKIE } from './web-cookies';

type ErrorKind = 'notFound' | 'forbidden' | 'csrf' | 'internal' | 'other';

/** A Fastify error's code, also when Nest wrapped it in an HttpException (as its `cause`). */
function fastifyCode(exception: unknown): string {
  const e = exception as { code?: unknown; cause?: { code?: unknown } } | null;
  return String(e?.code ?? e?.cause?.code ?? '');
}

function kindOf(error: ErrorBody, exception: unknown): ErrorKind {
  if (error.statusCode === 404) return 'notFound';
  if (fastifyCode(exception).startsWith('FST_CSRF')) return 'csrf';
  if (error.statusCode === 403) return 'forbidden';
  if (error.statusCode >= 500) return 'internal';
  return 'other';
}

/**
 * Errors of page requests as pages: a 401 sends the browser to the login page (and back
 * afterwards), 403/404/500 get their page in the layout, anything else a page with the
 * API's message in `role="alert"`.
 */
@Injectable()
export class PageErrors implements ErrorPages {
  constructor(
    private readonly renderer: PageRenderer,
    private readonly sessions: PageSessionService,
  ) {}

  isPageRequest(req: FastifyRequest): boolean {
    return isPagePath(req.url);
  }

  async render(
    req: FastifyRequest,
    reply: FastifyReply,
    error: ErrorBody,
    exception: unknown,
  ): Promise<void> {
    if (reply.sent) return;
    if (error.statusCode === 401) {
      const next = req.method === 'GET' ? safeNext(req.url) : null;
      return this.renderer.redirect(
        reply,
        next ? `/login?next=${encodeURIComponent(next)}` : '/login',
      );
    }
    // Outside a page route (an unknown path, a refused form) no guard has looked for the
    // session yet; the layout still shows who is signed in.
    const withUser = req as FastifyRequest & { user?: unknown };
    if (withUser.user === undefined) {
      withUser.user = await this.sessions.resolve(req.cookies?.[SESSION_COOKIE]);
    }
    const kind = kindOf(error, exception);
    await this.renderer.render(
      req,
      reply,
      'error',
      {
        error: {
          statusCode: error.statusCode,
          kind,
          message: kind === 'other' ? error.message : null,
        },
        signedIn: pagePrincipal(req) !== null,
      },
      { status: error.statusCode, titleKey: `error.${kind}.title` },
    );
  }
}
