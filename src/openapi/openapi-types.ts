import type { OperationObject } from '@nestjs/swagger';

/** An operation as Nest writes it, with the `x-…` facts our decorators add (api-docs.ts). */
export type DocOperation = OperationObject & { [extension: `x-${string}`]: unknown };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `POST /api/v1/cases/{id}`: how recorded examples and checks name an operation. */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
