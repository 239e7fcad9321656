import { PipeTransform } from '@nestjs/common';
import { AppError, ErrorCode } from './errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names nothing: 404, like the id of something the caller may not see. */
export class IdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly what: string,
    private readonly code: ErrorCode = 'NOT_FOUND',
  ) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new AppError(this.code, `no such ${this.what}`);
    return value.toLowerCase();
  }
}
