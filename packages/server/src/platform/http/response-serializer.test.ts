import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { responseSerializerCompiler } from './response-serializer.js';

const route = (schema: z.ZodType) => ({ schema, method: 'GET', url: '/x', httpStatus: '200' });
const fast = (schema: z.ZodType) => responseSerializerCompiler(route(schema));
const viaZod = (schema: z.ZodType) => zodSerializerCompiler(route(schema));

/** The serializer must write exactly what zod + JSON.stringify write, and fail where zod fails. */
function expectSameAsZod(schema: z.ZodType, value: unknown): void {
  let expected: string | Error;
  try {
    expected = viaZod(schema)(value);
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) expect(() => fast(schema)(value)).toThrow(expected.constructor as never);
  else expect(fast(schema)(value)).toBe(expected);
}

const post = z.object({
  id: z.string(),
  html: z.string().describe('Sanitized HTML.'),
  version: z.number().int(),
  score: z.number(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  kind: z.enum(['a', 'b']),
  tag: z.literal('t'),
  note: z.string().min(2).optional(),
  tags: z.array(z.string()).max(2),
  reactions: z.array(z.object({ emoji: z.string(), count: z.int() })),
});
const page = z.object({ items: z.array(post), nextCursor: z.string().nullable() });

const good = {
  id: 'p1',
  html: '<p class="x">a "quoted"\n\u2028 \ud800 line</p>',
  version: 3,
  score: -0,
  editedAt: null,
  deleted: false,
  kind: 'b',
  tag: 't',
  tags: ['x'],
  reactions: [{ emoji: '+1', count: 2, secret: 'hidden-value' }],
};

describe('responseSerializerCompiler', () => {
  it('writes the schema fields only, in schema order, as zod and JSON.stringify do', () => {
    const value = { secret: 'leak', ...good, extra: { password: 'x' }, note: 'hello' };
    expectSameAsZod(page, { items: [value, good], nextCursor: 'c', more: 1 });
    const json = fast(page)({ items: [value], nextCursor: null });
    expect(json).not.toContain('leak');
    expect(json).not.toContain('password');
    expect(json).not.toContain('hidden-value');
    expect(Object.keys(JSON.parse(json).items[0])).toEqual(Object.keys(post.shape).filter((k) => k in value));
  });

  it('fails as zod fails when the value does not fit', () => {
    const misfits: unknown[] = [
      { ...good, version: 1.5 },
      { ...good, version: 2 ** 60 },
      { ...good, score: Number.NaN },
      { ...good, score: Infinity },
      { ...good, editedAt: undefined },
      { ...good, deleted: 'false' },
      { ...good, kind: 'c' },
      { ...good, tag: 'u' },
      { ...good, note: 'x' },
      { ...good, tags: ['a', 'b', 'c'] },
      { ...good, reactions: [{ emoji: '+1' }] },
      { ...good, reactions: {} },
      { ...good, id: 7 },
      [good],
      null,
    ];
    for (const value of misfits) {
      expectSameAsZod(post, value);
      expect(() => fast(post)(value)).toThrow();
    }
  });

  it('leaves schemas it does not cover to zod', () => {
    const schemas: [z.ZodType, unknown][] = [
      [z.union([z.string(), z.number()]), 3],
      [z.object({ at: z.date() }), { at: new Date(0) }],
      [z.object({ n: z.string().transform((s) => s.length) }), { n: 'abc' }],
      [z.strictObject({ a: z.string() }), { a: 'x', b: 'y' }],
      [z.looseObject({ a: z.string() }), { a: 'x', b: 'y' }],
      [z.object({ a: z.string().default('d') }), {}],
      [z.record(z.string(), z.number()), { a: 1 }],
    ];
    for (const [schema, value] of schemas) expectSameAsZod(schema, value);
  });
});
