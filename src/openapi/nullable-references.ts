/**
 * OpenAPI 3.0 has no null type: Nest writes a nullable object property as
 * `{ nullable: true, allOf: [{ $ref }] }`, where `nullable` has no effect on the referenced
 * schema, so a recorded `null` (a case without a mediator yet) fails validation against it.
 * The 3.0 idiom that says "this object or null" is `anyOf: [{ $ref }, null-only schema]`;
 * openapi-typescript reads it as `T | null`, as before. Likewise a nullable enum lists null.
 */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function loneReference(schema: Record<string, unknown>): Record<string, unknown> | null {
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref };
  const all = schema.allOf;
  if (Array.isArray(all) && all.length === 1 && isObject(all[0]) && '$ref' in all[0]) {
    return all[0];
  }
  return null;
}

export function nullableReferences(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(nullableReferences);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (isObject(value) && value.nullable === true) {
      // A nullable enum must list null among its values, or null fails it (3.0.3 §nullable).
      if (Array.isArray(value.enum) && !value.enum.includes(null)) value.enum.push(null);
      const ref = loneReference(value);
      if (ref) {
        const { nullable: _n, allOf: _a, $ref: _r, type: _t, ...rest } = value;
        node[key] = { ...rest, anyOf: [ref, NULL_ONLY] };
        continue;
      }
    }
    nullableReferences(value);
  }
}
