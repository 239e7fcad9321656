import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { AppError } from '../errors/app-error';
import { inputProblems } from './safe-input';
import { lineBreakErrors } from './text.decorators';

/**
 * The global pipe. Before anything transforms or validates a body, query or
 * path parameter, `inputProblems` refuses control characters, lone
 * surrogates, deep nesting and prototype keys (400 naming the field); then
 * class-validator runs as before, together with the one-line rule for every
 * string that is not `@MultiLine()`.
 */
export class SafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // `custom` is a decorator's value (the principal, a header): not request input to check.
    // Every body of ours is an object: `null` or `[]` once read as "no fields" and ran the
    // action (a case withdrawn by the body `null`). No body at all stays allowed.
    const notObject = value === null || typeof value !== 'object' || Array.isArray(value);
    if (metadata.type === 'body' && !metadata.data && value !== undefined && notObject) {
      throw AppError.validation([{ field: 'body', message: 'must be a JSON object' }]);
    }
    if (metadata.type !== 'custom') {
      const problems = inputProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problems.length) throw AppError.validation(problems);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    return [...errors, ...lineBreakErrors(object)];
  }
}
