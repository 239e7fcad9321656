import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule, AppOptions } from './app.module';
import type { AppConfig } from './common/config/config';
import { fastifyTrustProxy } from './common/config/trust-proxy';
import { buildApiDocument } from './openapi/api-document';
import { registerWebPlugins } from './web/web-plugins';
import { clientErrorHandler, frameworkErrors } from './common/errors/framework-errors';
import { DEFAULT_BODY_LIMIT, installBodyLimits } from './common/http/body-limit';
import { installNoStore } from './common/http/no-store';
import { installSecurityHeaders } from './common/http/security-headers';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Pages and API alike: scripts and styles from this site only, never inline. */
function contentSecurityPolicy(config: AppConfig) {
  return {
    defaultSrc: [`'self'`],
    styleSrc: [`'self'`],
    imgSrc: [`'self'`, 'data:'],
    scriptSrc: [`'self'`],
    // Over plain http in development and tests, upgrading would break every asset.
    upgradeInsecureRequests: config.nodeEnv === 'production' ? [] : null,
  };
}

/** Builds the HTTP application on an open DataSource; `main.ts` and the tests share it. */
export async function createApp(
  config: AppConfig,
  dataSource: DataSource,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Off unless TRUST_PROXY names the proxies: otherwise a client picks its own address.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Node's own refusals (431, a malformed request) in the contract's error shape.
    clientErrorHandler,
    frameworkErrors,
  });
  installBodyLimits(adapter.getInstance());
  installNoStore(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, dataSource, options),
    adapter,
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // The API lives under /api/v1 by RouterModule (app.module.ts), not a global prefix: the
  // pages' fixed paths (/cases, /verify, …) would collide with its exclusion list.
  installSecurityHeaders(app.getHttpAdapter().getInstance(), contentSecurityPolicy(config));
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await registerWebPlugins(app, config);
  const document = buildApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}
