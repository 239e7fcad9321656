import { AppError } from './errors/app-error';
import { decodeCursor, encodeCursor, pageOf } from './pagination';

const ID = '0b6f3c1e-8a52-4d0e-9f3a-2c7d5e1b4a90';

describe('cursors', () => {
  it('decodes what it encodes, as base64url of [isoInstant, uuid]', () => {
    const at = new Date('2026-03-01T08:30:00.123Z');
    const cursor = encodeCursor(at, ID);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual([
      '2026-03-01T08:30:00.123Z',
      ID,
    ]);
    expect(decodeCursor(cursor)).toEqual({ at, id: ID });
  });

  it.each([
    ['not base64 JSON', 'nonsense'],
    ['a bad instant', Buffer.from(JSON.stringify(['soon', ID])).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify(['2026-03-01T00:00:00Z', 'x'])).toString('base64url')],
  ])('refuses %s as a 400 on the cursor field', (_, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('VALIDATION_FAILED');
    expect((thrown as AppError).details).toEqual({
      errors: [{ field: 'cursor', message: 'is not a cursor this service gave out' }],
    });
  });
});

describe('pageOf', () => {
  const rows = [1, 2, 3].map((n) => ({ n, at: new Date(n * 1000), id: ID }));
  const position = (r: (typeof rows)[number]): [Date, string] => [r.at, r.id];

  it('gives a cursor to the last item when the repository found one row more', () => {
    const page = pageOf(rows, 2, position);
    expect(page.items.map((r) => r.n)).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at: new Date(2000), id: ID });
  });

  it('has no next page when the rows fit', () => {
    expect(pageOf(rows, 3, position)).toEqual({ items: rows, nextCursor: null });
  });
});
