import fc from 'fast-check';

/** The parts of an OpenAPI schema the fuzzer reads. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}
export type Schemas = Record<string, Schema>;

/** A field of a body: where it is and what type the document says it has. */
interface Field {
  path: string[];
  type: string;
}

const resolve = (s: Schema, all: Schemas): Schema => {
  if (s.$ref) return resolve(all[s.$ref.split('/').pop()!], all);
  if (s.allOf?.length === 1) return resolve(s.allOf[0], all);
  return s;
};
// A named schema without a type (an enum of its own) is a string in this API.
const typeOf = (s: Schema) => s.type ?? (s.properties ? 'object' : 'string');

/** The body's fields, to two levels (ours nest no deeper but for arrays). */
export function fieldsOf(schema: Schema, all: Schemas, prefix: string[] = []): Field[] {
  const s = resolve(schema, all);
  return Object.entries(s.properties ?? {}).flatMap(([name, raw]) => {
    const p = resolve(raw, all);
    const path = [...prefix, name];
    const own = { path, type: typeOf(p) };
    return p.properties && prefix.length === 0 ? [own, ...fieldsOf(p, all, path)] : [own];
  });
}

/** A plausible body from the schema: required fields with a value of their type. */
export function sampleBody(schema: Schema, all: Schemas): Record<string, unknown> {
  const s = resolve(schema, all);
  const out: Record<string, unknown> = {};
  for (const name of s.required ?? []) {
    const p = resolve(s.properties![name], all);
    const t = typeOf(p);
    out[name] = p.enum
      ? p.enum[0]
      : t === 'object'
        ? sampleBody(p, all)
        : t === 'array'
          ? []
          : t === 'integer' || t === 'number'
            ? 1
            : t === 'boolean'
              ? true
              : 'x';
  }
  return out;
}

const setAt = (body: Record<string, unknown>, path: string[], value: unknown) => {
  const copy = structuredClone(body);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = value;
  return copy;
};

/** Values of any JSON type but `type` (never null: an optional field takes null as absent). */
function wrongTypeFor(type: string): fc.Arbitrary<unknown> {
  const others: Record<string, unknown[]> = {
    string: [12345, true, { a: 1 }, ['x']],
    integer: ['12', true, { a: 1 }, [1], 1.5],
    number: ['12.5', true, { a: 1 }, [1]],
    boolean: ['true', 1, { a: 1 }, [true]],
    object: ['x', 5, true],
    array: ['x', 5, { a: 1 }],
  };
  return fc.constantFrom(...(others[type] ?? others.string));
}

const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** Over every route's body limit (the largest is 1 MiB). */
const HUGE = 'x'.repeat(1_500_000);

/** A malformed body, as the raw JSON text to send, and what was done to it. */
export interface Malformed {
  what: string;
  json: string;
}

/**
 * The ways a body is broken, each on one field of an otherwise plausible body; every one
 * makes the body invalid, whatever the route (so a route that accepts one has a bug).
 */
export function malformed(
  schema: Schema,
  all: Schemas,
  example?: Record<string, unknown>,
): fc.Arbitrary<Malformed> {
  const base = example ?? sampleBody(schema, all);
  /** The base body with `member` (raw JSON) as its first member. */
  const withFirst = (member: string) => {
    const rest = JSON.stringify(base).slice(1);
    return `{${member}${rest === '}' ? '' : ','}${rest}`;
  };
  const fields = fieldsOf(schema, all);
  const strings = fields.filter((f) => f.type === 'string');
  const numbers = fields.filter((f) => f.type === 'integer' || f.type === 'number');
  const at = (f: Field, value: unknown, what: string): Malformed => ({
    what: `${f.path.join('.')}: ${what}`,
    json: JSON.stringify(setAt(base, f.path, value)),
  });
  const kinds: fc.Arbitrary<Malformed>[] = [
    fc.constantFrom<unknown>([], 'x', 5, true, null, [base]).map((v) => ({
      what: `body ${JSON.stringify(v).slice(0, 20)}`,
      json: JSON.stringify(v),
    })),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([name, v]) => ({
        what: `extra field zz${name}`,
        json: JSON.stringify({ ...base, [`zz${name}`]: v ?? 0 }),
      })),
    fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .chain((key) =>
        fc.constantFrom(
          { what: `top-level ${key}`, json: withFirst(`"${key}":{"role":"admin"}`) },
          { what: `nested ${key}`, json: withFirst(`"zz":{"${key}":{"x":1}}`) },
        ),
      ),
    fc.integer({ min: 40, max: 3000 }).map((depth) => ({
      what: `nested ${depth} levels`,
      json: withFirst(`"deep":${nested(depth)}`),
    })),
    fc.constant({
      what: 'deep 3000 levels',
      json: withFirst(`"deep":${nested(3000)}`),
    }),
  ];
  if (fields.length) {
    kinds.push(
      fc
        .constantFrom(...fields)
        .chain((f) => wrongTypeFor(f.type).map((v) => at(f, v, `wrong type ${JSON.stringify(v)}`))),
    );
  }
  if (strings.length) {
    const s = fc.constantFrom(...strings);
    kinds.push(
      s.map((f) => at(f, 'a\u0000b', 'NUL byte')),
      s.map((f) => at(f, 'a\uD800b', 'lone surrogate')),
      s.map((f) => at(f, 'a\u0007b\u001b', 'control characters')),
      s.map((f) => at(f, HUGE, 'huge string')),
    );
  }
  if (numbers.length) {
    kinds.push(
      fc
        .tuple(fc.constantFrom(...numbers), fc.constantFrom(-1, -1e9, 1e308, 2 ** 53 + 1, -0.5))
        .map(([f, v]) => at(f, v, `number ${v}`)),
    );
  }
  return fc.oneof(...kinds);
}
