import type {
  HeaderObject,
  OpenAPIObject,
  ParameterObject,
  ReferenceObject,
} from '@nestjs/swagger';
import { REQUEST_HEADERS, RESPONSE_HEADERS } from '../common/openapi/api-docs';
import type { DocOperation } from './openapi-types';

const isKnown = (name: string): name is keyof typeof REQUEST_HEADERS => name in REQUEST_HEADERS;

/**
 * The request headers an operation reads (`@Headers('idempotency-key')`, which Nest lists as
 * required, and any `@ApiHeader` of the same name in another case) become one reference
 * each to the optional parameter declared once in `components.parameters`.
 */
export function referenceRequestHeaders(op: DocOperation, used: Set<string>): void {
  const seen = new Set<string>();
  const parameters: (ParameterObject | ReferenceObject)[] = [];
  for (const p of op.parameters ?? []) {
    if (!('in' in p) || p.in !== 'header') {
      parameters.push(p);
      continue;
    }
    const name = p.name.toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    if (isKnown(name)) {
      used.add(name);
      parameters.push({ $ref: `#/components/parameters/${REQUEST_HEADERS[name].component}` });
    } else {
      parameters.push(p);
    }
  }
  op.parameters = parameters;
}

/** `components.parameters` and `components.headers`: those the operations refer to. */
export function headerComponents(document: OpenAPIObject, usedRequestHeaders: Set<string>) {
  const text = JSON.stringify(document.paths);
  const parameters: Record<string, ParameterObject> = {};
  for (const name of usedRequestHeaders) {
    if (isKnown(name)) {
      const { component, parameter } = REQUEST_HEADERS[name];
      parameters[component] = { ...parameter, schema: { ...parameter.schema } };
    }
  }
  const headers: Record<string, HeaderObject> = {};
  for (const [name, header] of Object.entries(RESPONSE_HEADERS)) {
    if (text.includes(`"#/components/headers/${name}"`)) {
      headers[name] = { description: header.description, schema: { ...header.schema } };
    }
  }
  return { parameters, headers };
}
