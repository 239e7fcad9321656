import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies are small: 64 KB holds any of our inputs but the workflow
 * actions. Parsing and validating a large body blocks the event loop, so a
 * route accepts more only where it says so with `@BodyLimit()`. (Uploads are
 * multipart and limited by @fastify/multipart instead.)
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** A route's own JSON body limit, in bytes. */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

/** Applies each route's `@BodyLimit()`; must be installed before the routes are registered. */
export function installBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
