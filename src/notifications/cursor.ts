import { AppError } from '../common/errors/app-error';

/** A position in a newest-first list: the last row's (createdAt, id). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export const encodeCursor = (row: Cursor): string =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');

export function decodeCursor(cursor: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw AppError.validation([
      { field: 'cursor', message: 'is not a cursor this service gave out' },
    ]);
  }
}

/** `rows` holds one more than `limit` when a next page exists. */
export function page<T extends Cursor>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}
