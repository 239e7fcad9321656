import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS } from './app-error';
import type { ErrorCode } from './app-error';

class FieldErrorDto {
  @ApiProperty({ example: 'idNumber' }) field: string;
  @ApiProperty({ example: 'must be an 18-digit resident ID number with a valid check digit' })
  message: string;
}

class SessionConflictDto {
  @ApiProperty({ example: '2026-12-03T10:00:00+08:00' }) startsAt: string;
  @ApiProperty({ example: '2026-12-03T11:00:00+08:00' }) endsAt: string;
}

/**
 * The one error shape of every response (api.md "Errors"). `currentStatus` and
 * `allowedActions` are typed with the workflow's enums by the document (src/openapi).
 */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERROR_STATUS), enumName: 'ErrorCode' }) code: ErrorCode;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'On 400 VALIDATION_FAILED' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'On 409 INVALID_TRANSITION: the case’s state' })
  currentStatus?: string;
  @ApiPropertyOptional({ type: [String], description: 'On 409 INVALID_TRANSITION' })
  allowedActions?: string[];
  @ApiPropertyOptional({
    type: SessionConflictDto,
    nullable: true,
    description: 'On 409 SESSION_CONFLICT: the mediator’s session in the way',
  })
  conflict?: SessionConflictDto | null;
  @ApiPropertyOptional({
    minimum: 1,
    description: 'On 409 AGREEMENT_MISMATCH: the version of the current agreement',
  })
  currentVersion?: number;
  @ApiPropertyOptional({ minimum: 1, description: 'On 429: also sent as `Retry-After`' })
  retryAfterSeconds?: number;
}
