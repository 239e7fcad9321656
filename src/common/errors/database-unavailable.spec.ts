import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const err = (message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), fields);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', err('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['a dual-stack refusal', new AggregateError([err('x', { code: 'ECONNREFUSED' })], 'x')],
    [
      'a server shut down',
      err('terminating connection due to administrator command', { code: '57P01' }),
    ],
    ['a server starting up', err('the database system is starting up', { code: '57P03' })],
    ['a dropped client', err('Connection terminated unexpectedly')],
    ['a pool timeout', err('timeout exceeded when trying to connect')],
    [
      'a failed query whose connection broke',
      new QueryFailedError('SELECT 1', [], err('Connection terminated unexpectedly')),
    ],
    [
      'a released TypeORM runner',
      Object.assign(err('released'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
  ])('says yes to %s', (_what, e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([
    [
      'a unique violation',
      new QueryFailedError('INSERT', [], err('duplicate key', { code: '23505' })),
    ],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['nothing', null],
  ])('says no to %s', (_what, e) => expect(isDatabaseUnavailable(e)).toBe(false));
});
