import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'idNumber' }) field: string;
  @ApiProperty({ example: 'must be an 18-digit resident ID number with a valid check digit' })
  message: string;
}

/** The one error shape of every response (api.md "Errors"). */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'On 409 INVALID_TRANSITION: the case’s state' })
  currentStatus?: string;
  @ApiPropertyOptional({ type: [String], description: 'On 409 INVALID_TRANSITION' })
  allowedActions?: string[];
}
