import { ApiProperty } from '@nestjs/swagger';

/** One uploaded file of a case, as the API shows it. */
export class EvidenceResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'bank-statement.pdf' }) filename: string;
  @ApiProperty({
    enum: ['application/pdf', 'image/jpeg', 'image/png'],
    description: 'From the content',
  })
  mimeType: string;
  @ApiProperty({ maximum: 10 * 1024 * 1024 }) sizeBytes: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes' }) sha256: string;
  @ApiProperty({ description: 'The user who uploaded it' }) uploadedBy: string;
  @ApiProperty() createdAt: string;
}
