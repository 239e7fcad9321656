import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleObject, ReferenceObject } from '@nestjs/swagger';
import { projectRoot } from '../common/project-root';

/**
 * The examples of the OpenAPI document: requests and responses recorded from a real run of
 * the example walks of test/openapi-examples, which call every documented response once
 * (`npm run docs:openapi-examples`, a few minutes), never written by hand. The
 * lint in test/e2e/openapi-document.e2e-spec.ts checks each against its schema, so a DTO
 * that changes without a new recording fails the suite.
 */
export interface RecordedOperation {
  request?: unknown;
  /** By status, the successful answers. */
  responses?: Record<string, unknown>;
  /** By error code, what this operation answered. */
  errors?: Record<string, unknown>;
}

export interface RecordedFile {
  $comment?: string;
  /** By operation (`POST /api/v1/cases`). */
  operations: Record<string, RecordedOperation>;
  /** By error code, one answer of any operation: for codes an operation was not seen to give. */
  errors: Record<string, unknown>;
}

/** Not `recorded-examples.json`: beside this file, `require` would find the JSON before the TypeScript under ts-node. */
export const RECORDED_EXAMPLES_PATH = join('src', 'openapi', 'api-examples.recorded.json');
const SUMMARY = 'Recorded from a test run';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseRecordedFile(text: string): RecordedFile {
  const data: unknown = JSON.parse(text);
  if (!isObject(data) || !isObject(data.operations) || !isObject(data.errors)) {
    throw new Error(`${RECORDED_EXAMPLES_PATH}: expected { operations, errors }`);
  }
  const operations: Record<string, RecordedOperation> = {};
  for (const [key, op] of Object.entries(data.operations)) {
    if (!isObject(op)) throw new Error(`${RECORDED_EXAMPLES_PATH}: ${key} is not an object`);
    operations[key] = {
      request: op.request,
      responses: isObject(op.responses) ? op.responses : undefined,
      errors: isObject(op.errors) ? op.errors : undefined,
    };
  }
  return { operations, errors: data.errors };
}

export class RecordedExamples {
  private readonly sharedUsed = new Set<string>();

  constructor(readonly file: RecordedFile) {}

  static load(root = projectRoot()): RecordedExamples {
    const path = join(root, RECORDED_EXAMPLES_PATH);
    if (!existsSync(path)) return new RecordedExamples({ operations: {}, errors: {} });
    return new RecordedExamples(parseRecordedFile(readFileSync(path, 'utf8')));
  }

  request(key: string): ExampleObject | undefined {
    const value = this.file.operations[key]?.request;
    return value === undefined ? undefined : { summary: SUMMARY, value };
  }

  response(key: string, status: string): ExampleObject | undefined {
    const value = this.file.operations[key]?.responses?.[status];
    return value === undefined ? undefined : { summary: SUMMARY, value };
  }

  /** This operation's own answer with `code`, else a reference to another operation's. */
  error(key: string, code: string): ExampleObject | ReferenceObject | undefined {
    const own = this.file.operations[key]?.errors?.[code];
    if (own !== undefined) return { summary: SUMMARY, value: own };
    if (this.file.errors[code] === undefined) return undefined;
    this.sharedUsed.add(code);
    return { $ref: `#/components/examples/${code}` };
  }

  /** `components.examples`: the shared error answers some operation refers to. */
  sharedComponents(): Record<string, ExampleObject> {
    return Object.fromEntries(
      [...this.sharedUsed]
        .sort()
        .map((code) => [code, { summary: `${SUMMARY} (${code})`, value: this.file.errors[code] }]),
    );
  }
}
