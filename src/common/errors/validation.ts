import { ValidationError, ValidationPipe } from '@nestjs/common';
import { SafeValidationPipe } from '../input/safe-validation.pipe';
import { AppError, FieldError } from './app-error';

/** class-validator's nested errors as `[{ field: 'loan.principal', message }]`. */
export function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      // class-validator says "property role should not exist"; say it plainly.
      message: message.startsWith(`property ${e.property} `)
        ? message.slice(`property ${e.property} `.length)
        : message.replace(new RegExp(`^${e.property} `), ''),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The one global pipe: whitelist, reject unknown fields, transform, errors as FieldError[]. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

export function createValidationPipe(): ValidationPipe {
  return new SafeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => AppError.validation(flatten(errors)),
  });
}
