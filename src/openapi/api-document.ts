import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ExampleObject, OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import type { AppConfig } from '../common/config/config';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { addActionOperations } from './action-operations';
import { API_KEY, applyAccess, BEARER } from './access-security';
import { API_DESCRIPTION, LICENSE_NAME, TAGS } from './api-info';
import { flattenLoneAllOf, typeCaseEvents, typeErrorResponse } from './case-event-schemas';
import { statedErrors, writeErrorResponses } from './error-responses';
import { headerComponents, referenceRequestHeaders } from './headers';
import { nullableReferences } from './nullable-references';
import { HTTP_METHODS, operationKey } from './openapi-types';
import type { DocOperation } from './openapi-types';
import { RecordedExamples } from './recorded-examples';

const isJson = (type: string) => type === 'application/json';

/** A recorded example on each JSON body of the operation that has none yet. */
function attachExamples(key: string, op: DocOperation, examples: RecordedExamples): void {
  const body = op.requestBody && 'content' in op.requestBody ? op.requestBody : undefined;
  for (const [type, media] of Object.entries(body?.content ?? {})) {
    const recorded = examples.request(key);
    if (isJson(type) && recorded && !media.examples) media.examples = { recorded };
  }
  for (const [status, response] of Object.entries(op.responses)) {
    if (!response || '$ref' in response || Number(status) >= 400) continue;
    for (const [type, media] of Object.entries((response as ResponseObject).content ?? {})) {
      const recorded: ExampleObject | undefined = examples.response(key, status);
      if (isJson(type) && recorded && !media.examples) media.examples = { recorded };
    }
  }
}

/**
 * The OpenAPI document served at /docs-json: Nest's reading of the controllers and DTOs,
 * completed from the facts the routes state (roles, error codes, headers) and from the
 * transition table (one operation per action, the typed timeline), with examples recorded
 * from a real run. Fails, so that every test does, when a route leaves something unsaid.
 */
export function buildApiDocument(
  app: INestApplication,
  config: AppConfig,
  examples = RecordedExamples.load(),
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Mediation case service')
    .setDescription(API_DESCRIPTION)
    .setVersion('1')
    .setContact('The mediation centre operating this service', config.publicBaseUrl, '')
    .setLicense(LICENSE_NAME, `${config.publicBaseUrl}/`)
    .addServer(config.publicBaseUrl, 'This service (the API is under /api/v1)')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'POST /api/v1/auth/login',
      },
      BEARER,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: 'A lender organisation’s key, issued by an admin; acts as the organisation',
      },
      API_KEY,
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  // Error responses are written here, so nothing else names their schema.
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorResponse],
  });
  if (document.info.contact) delete document.info.contact.email;

  addActionOperations(document);
  typeCaseEvents(document);
  typeErrorResponse(document);
  const usedHeaders = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as DocOperation | undefined;
      if (!op) continue;
      const key = operationKey(method, path);
      for (const tag of op.tags ?? []) {
        if (!(tag in TAGS))
          throw new Error(`${key}: tag "${tag}" is not in src/openapi/api-info.ts`);
      }
      referenceRequestHeaders(op, usedHeaders);
      const codes = statedErrors(op);
      applyAccess(key, op, codes);
      writeErrorResponses(key, op, codes, examples);
      attachExamples(key, op, examples);
    }
  }
  const components = (document.components ??= {});
  const { parameters, headers } = headerComponents(document, usedHeaders);
  components.parameters = parameters;
  components.headers = headers;
  components.examples = examples.sharedComponents();
  flattenLoneAllOf(document);
  nullableReferences(document.components.schemas);
  return document;
}
