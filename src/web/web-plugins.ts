import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../common/config/config';
import { assertCatalogues } from './page-messages';
import { isPagePath } from './page-paths';
import {
  assetsDir,
  createPageHandlebars,
  pageCompileOptions,
  pagePartials,
  pagesDir,
} from './page-views';
import { cookieOptions, cookieSigningSecret, CSRF_COOKIE } from './web-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const field = (source: unknown, name: string): string | undefined => {
  const v = (source as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * A form's token is its `_csrf` field. A file upload's body is a stream the handler
 * reads, so its form carries the token in its action's query string instead.
 */
function csrfToken(req: FastifyRequest): string | undefined {
  return field(req.body, '_csrf') ?? (req.isMultipart() ? field(req.query, '_csrf') : undefined);
}

/**
 * What the pages need from Fastify: cookies, CSRF tokens, Handlebars views, the static
 * assets, and the CSRF check on every unsafe request to a page path. The check is a hook
 * on the whole site rather than a decorator per route, so a new form cannot forget it.
 */
export async function registerWebPlugins(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  assertCatalogues();
  await app.register(fastifyCookie, { secret: cookieSigningSecret(config) });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { ...cookieOptions(config), signed: true },
    getToken: csrfToken,
  });
  const handlebars = createPageHandlebars();
  await app.register(fastifyView, {
    engine: { handlebars },
    root: pagesDir(),
    layout: 'layout.hbs',
    // Compiled once, at the first render, in every environment: recompiling each template
    // and partial on every request (its development mode) costs most of a page's time.
    production: true,
    options: { partials: pagePartials(), compileOptions: pageCompileOptions(handlebars) },
  });
  await app.register(fastifyStatic, {
    root: assetsDir(),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    maxAge: '1h',
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preHandler', (req, reply, done) => {
    if (SAFE_METHODS.has(req.method) || !isPagePath(req.url)) return done();
    fastify.csrfProtection(req, reply, done);
  });
}
