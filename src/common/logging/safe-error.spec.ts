import { QueryFailedError } from 'typeorm';
import { safeError } from './safe-error';

const pgError = (fields: Record<string, string>) =>
  Object.assign(new Error(fields.message), fields);

describe('safeError', () => {
  it('keeps no query parameters, no row detail and no quoted value of a failed query', () => {
    const driver = pgError({
      message: 'invalid input syntax for type uuid: "11010519491231002X"',
      code: '22P02',
      detail: 'Key (phone)=(13812345678) already exists.',
      table: 'users',
    });
    const e = new QueryFailedError(
      'INSERT INTO users (id_number, phone, password_hash) VALUES ($1, $2, $3)',
      ['11010519491231002X', '13812345678', '$argon2id$v=19$m=65536,t=3,p=4$abc$def'],
      driver,
    );
    const s = safeError(e);
    const text = JSON.stringify(s);
    expect(text).not.toMatch(/11010519491231002X|13812345678|argon2/);
    expect(s).toMatchObject({
      type: 'QueryFailedError',
      code: '22P02',
      table: 'users',
      message: 'invalid input syntax for type uuid: "[value]"',
    });
    expect(s.stack).toMatch(
      /^QueryFailedError: invalid input syntax for type uuid: "\[value\]"\n\s+at /,
    );
  });

  it('keeps the message of an error that quotes no data', () => {
    const e = pgError({
      message: 'duplicate key value violates unique constraint "users_email_key"',
      code: '23505',
      constraint: 'users_email_key',
    });
    expect(safeError(e)).toMatchObject({
      message: 'duplicate key value violates unique constraint "users_email_key"',
      constraint: 'users_email_key',
    });
  });
});
