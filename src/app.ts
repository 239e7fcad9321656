import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule, AppOptions } from './app.module';
import type { AppConfig } from './common/config/config';
import { fastifyTrustProxy } from './common/config/trust-proxy';
import { registerWebPlugins } from './web/web-plugins';
import { clientErrorHandler, frameworkErrors } from './common/errors/framework-errors';
import { DEFAULT_BODY_LIMIT, installBodyLimits } from './common/http/body-limit';
import { installNoStore } from './common/http/no-store';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const API_DESCRIPTION = `Case management for pre-litigation mediation (诉前调解) of overdue consumer-installment debt.

**Authentication**: \`Authorization: Bearer <JWT>\` from \`POST /api/v1/auth/login\`, or, for a lender's back-office system, \`X-API-Key: <key>\` issued by an admin.

**Errors** are always \`{ statusCode, code, message }\`; validation errors add \`errors: [{ field, message }]\`; a refused transition (409 \`INVALID_TRANSITION\`) adds \`currentStatus\` and \`allowedActions\`. A case you may not see answers 404. While the database cannot be reached every route answers 503 \`SERVICE_UNAVAILABLE\` with \`Retry-After\` (never 401: a valid credential stays valid); try again then.

**Input**: strings may not hold control characters or lone surrogates; only free-text fields (reasons, notes, minutes, clauses, addresses) may hold line breaks and tabs. Bodies nest at most 32 levels; keys \`__proto__\`, \`constructor\` and \`prototype\` are refused like unknown fields. JSON bodies are limited to 64 KB (512 KB for actions). Names are trimmed and may not be blank. Uploads are one file, in the field \`file\`; images at most 10,000 px a side and 40 megapixels.

**Caching**: every response under \`/api\` says \`Cache-Control: no-store\`.

**Money** is a decimal string in yuan with two decimals (\`"8000.00"\`), never a JSON number. Dates are \`YYYY-MM-DD\`; instants ISO 8601 with offset.

**Lists** take \`limit\` (1–100, default 20) and \`cursor\`, and answer \`{ items, nextCursor }\`.

**Idempotency**: send \`Idempotency-Key\` on \`POST /cases\` and on actions; a retry with the same key and body answers the first answer again, the same key with another body answers 422.

**Concurrency**: send \`If-Match: <version>\` on an action to have it refused with 412 if the case changed since you read it.

**Lenders**: the \`cases\` routes with an API key, and the \`webhooks\` tag for signed event delivery; the whole flow with real examples is in the repository's \`docs/lender-integration.md\`.`;

/** Pages and API alike: scripts and styles from this site only, never inline. */
function contentSecurityPolicy(config: AppConfig) {
  return {
    directives: {
      defaultSrc: [`'self'`],
      styleSrc: [`'self'`],
      imgSrc: [`'self'`, 'data:'],
      scriptSrc: [`'self'`],
      // Over plain http in development and tests, upgrading would break every asset.
      upgradeInsecureRequests: config.nodeEnv === 'production' ? [] : null,
    },
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
  const csp = contentSecurityPolicy(config);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      // The Swagger UI's page has inline styles: only it may have them.
      if (/^\/docs(\/|$)/.test(route.url)) {
        route.helmet = {
          contentSecurityPolicy: {
            directives: { ...csp.directives, styleSrc: [`'self'`, `'unsafe-inline'`] },
          },
        };
      }
    });
  await app.register(helmet, { contentSecurityPolicy: csp });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await registerWebPlugins(app, config);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mediation case service')
      .setDescription(API_DESCRIPTION)
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}
