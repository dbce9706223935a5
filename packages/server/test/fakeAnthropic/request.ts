import { z } from 'zod';

const cacheControl = z.strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });

const textBlock = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1, 'text content blocks must be non-empty'),
  cache_control: cacheControl.optional(),
  citations: z.array(z.unknown()).nullable().optional(),
});
const thinkingBlock = z.strictObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const toolUseBlock = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl.optional(),
});
const toolResultBlock = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(textBlock)]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl.optional(),
});
const block = z.discriminatedUnion('type', [textBlock, thinkingBlock, toolUseBlock, toolResultBlock]);

const jsonSchemaObject = z.looseObject({ type: z.literal('object') });

/** The request body, as strictly as the Messages API reads it for what Veille may send. */
export const messagesBody = z.strictObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  messages: z.array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.union([z.string().min(1), z.array(block).min(1)]) })).min(1),
  tools: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
        description: z.string().optional(),
        input_schema: jsonSchemaObject,
        cache_control: cacheControl.optional(),
        strict: z.boolean().optional(),
      }),
    )
    .optional(),
  tool_choice: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
      z.strictObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
      z.strictObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }),
      z.strictObject({ type: z.literal('none') }),
    ])
    .optional(),
  output_config: z
    .strictObject({
      effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullable().optional(),
      format: z
        .strictObject({ type: z.literal('json_schema'), schema: jsonSchemaObject })
        .nullable()
        .optional(),
    })
    .optional(),
  thinking: z.looseObject({ type: z.enum(['adaptive', 'between_tools', 'enabled', 'disabled']) }).optional(),
  stop_sequences: z.array(z.string()).optional(),
  metadata: z.looseObject({}).optional(),
});

export type MessagesBody = z.infer<typeof messagesBody>;

type Located = { path: PropertyKey[]; message: string };

/** The most precise issue: inside a union, the branch that got furthest, as the API names it. */
const deepestIssue = (issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): Located =>
  issues
    .flatMap((issue): Located[] =>
      issue.code === 'invalid_union' && issue.errors.length
        ? issue.errors.map((branch) => deepestIssue(branch, [...prefix, ...issue.path]))
        : [{ path: [...prefix, ...issue.path], message: issue.message }],
    )
    .reduce((best, next) => (next.path.length > best.path.length ? next : best));

/** The body, or what is wrong with it. */
export function parseBody(json: unknown): { body: MessagesBody } | { problem: string } {
  const parsed = messagesBody.safeParse(json);
  if (parsed.success) return { body: parsed.data };
  const issue = deepestIssue(parsed.error.issues);
  return { problem: `${issue.path.join('.')}: ${issue.message}` };
}
export type JsonSchema = { [key: string]: unknown };

/** Keywords structured outputs cannot enforce: the API refuses a schema that uses them. */
const UNSUPPORTED = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'maxItems', 'uniqueItems'];

const subschemas = (node: JsonSchema): [string, unknown][] =>
  Object.entries(node).flatMap(([key, value]): [string, unknown][] => {
    if (key === 'properties' || key === '$defs') return Object.entries(value as JsonSchema).map(([name, child]) => [`${key}.${name}`, child]);
    if (key === 'anyOf' || key === 'allOf') return (value as unknown[]).map((child, index) => [`${key}.${index}`, child]);
    if (key === 'items') return [[key, value]];
    return [];
  });

/** Why a structured-output schema would be refused, or undefined. */
export function schemaProblem(node: JsonSchema, path = 'output_config.format.schema'): string | undefined {
  const unsupported = UNSUPPORTED.find((keyword) => keyword in node);
  if (unsupported) return `${path}: '${unsupported}' is not supported in structured outputs`;
  if (typeof node.minItems === 'number' && node.minItems > 1) return `${path}: minItems above 1 is not supported in structured outputs`;
  if (node.type === 'object' && node.additionalProperties !== false) return `${path}: additionalProperties must be set to false for object types`;
  for (const [key, child] of subschemas(node)) {
    const problem = child && typeof child === 'object' ? schemaProblem(child as JsonSchema, `${path}.${key}`) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

const blocksOf = (content: MessagesBody['messages'][number]['content']) => (typeof content === 'string' ? [] : content);

/**
 * Rules the API checks across messages: a conversation starts with the user, every tool_use is
 * answered by a tool_result in the next message, and thinking blocks come back as they were sent.
 */
export function conversationProblem(body: MessagesBody, signatures: ReadonlySet<string>): string | undefined {
  if (body.messages[0].role !== 'user') return 'messages: the first message must use the "user" role';
  for (const [index, message] of body.messages.entries()) {
    const blocks = blocksOf(message.content);
    if (message.role === 'user' && blocks.some((item) => item.type === 'thinking' || item.type === 'tool_use')) {
      return `messages.${index}: user messages cannot contain thinking or tool_use blocks`;
    }
    const forged = blocks.find((item) => item.type === 'thinking' && !signatures.has(item.signature));
    if (forged) return `messages.${index}: thinking blocks cannot be modified; return them exactly as received`;
    const toolUses = blocks.flatMap((item) => (item.type === 'tool_use' ? [item.id] : []));
    const next = body.messages[index + 1];
    const answered = new Set(next ? blocksOf(next.content).flatMap((item) => (item.type === 'tool_result' ? [item.tool_use_id] : [])) : []);
    const unanswered = toolUses.filter((id) => !answered.has(id));
    if (next && unanswered.length)
      return `messages.${index + 1}: tool_use ids were found without tool_result blocks immediately after: ${unanswered.join(', ')}`;
  }
  const breakpoints = [
    ...(Array.isArray(body.system) ? body.system : []),
    ...(body.tools ?? []),
    ...body.messages.flatMap((message) => blocksOf(message.content)),
  ].filter((item) => 'cache_control' in item && item.cache_control);
  if (breakpoints.length > 4) return 'A maximum of 4 blocks with cache_control may be provided';
  return undefined;
}
