import type { FastifyInstance } from 'fastify';

/**
 * Every API response may hold personal data (a case, a name, an ID number,
 * evidence, an agreement) or say something about it (a 404 for a case), so
 * none may be kept by a browser, a proxy or a shared cache: `no-store` on
 * everything under /api, errors and downloads included, set here once rather
 * than route by route. Only the API documentation and /health are cacheable.
 */
export function installNoStore(fastify: FastifyInstance): void {
  // A callback hook, not an async one: no promise per response for one header.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}
