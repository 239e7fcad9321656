import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AppError } from './errors/app-error';

/**
 * Keyset pagination, one way for every list: `limit` (1–100, default 20) and `cursor` in,
 * `{ items, nextCursor }` out. A cursor is the last row's position, (an instant, a uuid), as
 * base64url of the JSON `[isoInstant, uuid]`; each repository compares it with its own sort key
 * (created_at, starts_at, sealed_at, …) and returns one row more than `limit`.
 */

export const DEFAULT_PAGE_SIZE = 20;

/** Query fields of a list; a list's query class extends this one. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}

/** A position in a list: the sort key's instant and the row's id, the tie-breaker. */
export interface Cursor {
  at: Date;
  id: string;
}

export const encodeCursor = (at: Date, id: string): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** A 400 `VALIDATION_FAILED` on `cursor` for anything `encodeCursor` did not make. */
export function decodeCursor(cursor: string): Cursor {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const at = new Date(iso);
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return { at, id };
  } catch {
    throw AppError.validation([
      { field: 'cursor', message: 'is not a cursor this service gave out' },
    ]);
  }
}

/** `rows` holds one more than `limit` when a next page exists; the cursor is the last item's. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  position: (row: T) => [Date, string],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor: rows.length > limit ? encodeCursor(...position(items[items.length - 1])) : null,
  };
}
