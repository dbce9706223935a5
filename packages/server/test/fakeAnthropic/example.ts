import type { JsonSchema } from './request';

/** How a scripted wrong answer is wrong. */
export type Flaw = 'outOfRange' | 'wrongTypes';

const SAMPLE_TEXT = 'Le poste correspond à une bonne partie de vos attentes. Les missions et la stack sont décrites, le reste est à confirmer en entretien.';

/**
 * A value that fits a structured-output schema, as the constrained model would write it:
 * required properties only, integers spread over 12–16, booleans false, one item per array.
 */
export function exampleOf(schema: JsonSchema, root: JsonSchema = schema, counter = { next: 0 }): unknown {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    return exampleOf((root.$defs as Record<string, JsonSchema>)[name], root, counter);
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.anyOf)) return exampleOf(schema.anyOf[0] as JsonSchema, root, counter);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      return Object.fromEntries(
        Object.entries(properties)
          .filter(([name]) => required.has(name))
          .map(([name, child]) => [name, exampleOf(child, root, counter)]),
      );
    }
    case 'array':
      return [exampleOf((schema.items ?? { type: 'string' }) as JsonSchema, root, counter)];
    case 'integer':
      return 12 + (counter.next++ % 5);
    case 'number':
      return 1.5;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return SAMPLE_TEXT;
  }
}

/** The same value, spoiled: every integer out of range, or integers and booleans as strings. */
export function spoil(value: unknown, flaw: Flaw): unknown {
  if (Array.isArray(value)) return value.map((item) => spoil(item, flaw));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, spoil(item, flaw)]));
  if (typeof value === 'number') return flaw === 'outOfRange' ? 42 : 'douze';
  if (typeof value === 'boolean' && flaw === 'wrongTypes') return 'non';
  return value;
}

/** Scripted fields laid over the example (objects merge, anything else replaces). */
export function overlay(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!patch || typeof patch !== 'object' || Array.isArray(patch) || !base || typeof base !== 'object') return patch;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) merged[key] = overlay(merged[key], value);
  return merged;
}
