import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

type Directives = NonNullable<
  Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>['directives']
>;

/**
 * helmet's headers on every response, its middleware built once here at start-up: the
 * Fastify plugin built it again for every request (parsing the CSP directives each time,
 * in two hooks, one of them async) for headers that never change. The Swagger UI's page
 * (`/docs`) has inline styles: only it may have them.
 */
export function installSecurityHeaders(fastify: FastifyInstance, directives: Directives): void {
  const everywhere = helmet({ contentSecurityPolicy: { directives } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: { ...directives, styleSrc: [`'self'`, `'unsafe-inline'`] },
    },
  });
  const isDocs = (url: string | undefined) => url !== undefined && /^\/docs(\/|$)/.test(url);
  fastify.addHook('onRequest', (request, reply, done) => {
    const headers = isDocs(request.routeOptions.url) ? docs : everywhere;
    headers(request.raw, reply.raw, (e?: unknown) => done(e as Error | undefined));
  });
}
