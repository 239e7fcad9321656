/**
 * Errors as they may be logged. A failed query carries what it was given
 * (TypeORM's `parameters`: a resident ID, a phone number, a password hash) and
 * PostgreSQL's `detail` quotes the offending row ("Key (email)=(…) already
 * exists"); a data exception's message quotes the value ("invalid input syntax
 * for type uuid: "…""). None of that is kept: the name, the SQLSTATE, where it
 * happened (table, column, constraint) and the stack frames are enough to
 * find the cause.
 */

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  stack?: string;
}

type Raw = {
  name?: unknown;
  type?: unknown;
  message?: unknown;
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  stack?: unknown;
  driverError?: unknown;
  constructor?: { name?: unknown };
};

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Quoted values in a PostgreSQL message; identifiers are quoted too, but only after words like "relation". */
const QUOTED_VALUE = /(:\s*)"(?:[^"\\]|\\.)*"|(\()[^()]*(\)=\()[^()]*(\))/g;

/** Replaces the values PostgreSQL quotes in a message (`…: "value"`, `Key (col)=(value)`). */
export const scrubQuotedValues = (message: string) =>
  message.replace(QUOTED_VALUE, (_m, colon: string | undefined) =>
    colon ? `${colon}"[value]"` : '([key])=([value])',
  );

function safeMessage(message: string, code: string | undefined): string {
  // Class 22 (data exception) and 23 (integrity) messages may quote the value.
  const scrubbed = code && /^2[23]/.test(code) ? scrubQuotedValues(message) : message;
  return scrubbed.length > 500 ? `${scrubbed.slice(0, 500)}…` : scrubbed;
}

export function safeError(error: unknown): SafeError {
  if (typeof error !== 'object' || error === null) {
    return { type: typeof error, message: safeMessage(String(error), undefined) };
  }
  const e = error as Raw;
  const driver = (
    typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : {}
  ) as Raw;
  const code = text(e.code) ?? text(driver.code);
  // pino-http hands its serializer the error already as a plain object, named in `type`.
  const type = text(e.name) ?? text(e.type) ?? text(e.constructor?.name) ?? 'Error';
  const message = safeMessage(text(e.message) ?? '', code);
  const frames =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .join('\n')
      : '';
  const out: SafeError = { type, message };
  if (code) out.code = code;
  const table = text(e.table) ?? text(driver.table);
  const column = text(e.column) ?? text(driver.column);
  const constraint = text(e.constraint) ?? text(driver.constraint);
  if (table) out.table = table;
  if (column) out.column = column;
  if (constraint) out.constraint = constraint;
  if (frames) out.stack = `${type}: ${message}\n${frames}`;
  return out;
}

/** One line for a log message: `QueryFailedError 57P01: terminating connection …`. */
export function describeError(error: unknown): string {
  const s = safeError(error);
  return `${s.type}${s.code ? ` ${s.code}` : ''}: ${s.message}`;
}
