import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeParse } from 'zod/v4/core';

/** What a compiled projection returns when the value does not fit the schema: zod then says why. */
const misfit = Symbol('misfit');
type Project = (value: unknown) => unknown;

interface Def {
  type: string;
  checks?: readonly { _zod: { def: { check: string; format?: string } } }[];
  check?: string;
  format?: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  innerType?: $ZodType;
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
}

const defOf = (schema: $ZodType): Def => schema._zod.def as unknown as Def;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Whether the only check of a number schema is `.int()` (z.number().int() or z.int()). */
function isPlainInt(def: Def): boolean {
  const only = def.checks?.length === 1 ? def.checks[0]!._zod.def : def.check ? def : undefined;
  return def.type === 'number' && only?.check === 'number_format' && only.format === 'safeint';
}

const hasChecks = (def: Def): boolean => (def.checks?.length ?? 0) > 0 || def.check !== undefined;

/**
 * A projection for the subset of zod that our responses use (objects that strip unknown keys, arrays,
 * strings, numbers, integers, booleans, null, enums, literals, nullable, optional): it checks the value
 * as zod would and copies only what the schema names. Null for anything else (unions, transforms, codecs,
 * records…), which zod then serializes.
 */
function compile(schema: $ZodType): Project | null {
  const def = defOf(schema);
  if (def.type === 'number' && isPlainInt(def)) return (v) => (Number.isSafeInteger(v) ? v : misfit);
  const structural = compileStructure(def);
  if (structural === null || !hasChecks(def)) return structural;
  // Other checks (lengths, formats, patterns): zod checks this node, then it is projected as usual.
  return (v) => (safeParse(schema, v).success ? structural(v) : misfit);
}

function compileStructure(def: Def): Project | null {
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : misfit);
    case 'number':
      return (v) => (isFiniteNumber(v) ? v : misfit);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : misfit);
    case 'null':
      return (v) => (v === null ? v : misfit);
    case 'enum':
    case 'literal': {
      const allowed = new Set(def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []));
      if (![...allowed].every((a) => typeof a === 'string' || isFiniteNumber(a) || typeof a === 'boolean'))
        return null;
      return (v) => (allowed.has(v) ? v : misfit);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && ((v) => (v === null ? v : inner(v)));
    }
    case 'array': {
      const element = compile(def.element!);
      return element && ((v) => projectArray(v, element));
    }
    case 'object':
      return compileObject(def);
    default:
      return null;
  }
}

function projectArray(value: unknown, element: Project): unknown {
  if (!Array.isArray(value)) return misfit;
  const out = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = element(value[i]);
    if (item === misfit) return misfit;
    out[i] = item;
  }
  return out;
}

/** An inline test of `x` for the leaves that need no closure; null for the others. */
function leafTest(schema: $ZodType, x: string): string | null {
  const def = defOf(schema);
  if (def.type === 'number' && isPlainInt(def)) return `Number.isSafeInteger(${x})`;
  if (hasChecks(def)) return null;
  switch (def.type) {
    case 'string':
      return `typeof ${x} === 'string'`;
    case 'number':
      return `(typeof ${x} === 'number' && Number.isFinite(${x}))`;
    case 'boolean':
      return `typeof ${x} === 'boolean'`;
    case 'nullable': {
      const inner = leafTest(def.innerType!, x);
      return inner && `(${x} === null || ${inner})`;
    }
    default:
      return null;
  }
}

function compileObject(def: Def): Project | null {
  // Only objects that strip unknown keys (z.object): strict and loose objects go through zod.
  if (def.catchall !== undefined) return null;
  // Generated code (as zod's own JIT does) so that each object is copied by one object literal: faster
  // to build and to stringify than a loop over the fields. Keys enter the code as JSON string literals.
  const nested: Project[] = [];
  const lines: string[] = [];
  const props: string[] = [];
  for (const [i, [key, schema]] of Object.entries(def.shape ?? {}).entries()) {
    const optional = defOf(schema).type === 'optional';
    const inner = optional ? defOf(schema).innerType! : schema;
    const x = `v${i}`;
    lines.push(`let ${x} = r[${JSON.stringify(key)}];`);
    const test = leafTest(inner, x);
    let check: string;
    if (test !== null) {
      check = `if (!(${test})) return M;`;
    } else {
      const project = compile(inner);
      if (project === null) return null;
      nested.push(project);
      check = `${x} = P[${nested.length - 1}](${x}); if (${x} === M) return M;`;
    }
    // An absent optional field stays undefined, which JSON.stringify leaves out as zod's output does.
    lines.push(optional ? `if (${x} !== undefined) { ${check} }` : check);
    props.push(`${JSON.stringify(key)}: ${x}`);
  }
  const body = [
    "if (typeof r !== 'object' || r === null || Array.isArray(r)) return M;",
    ...lines,
    `return { ${props.join(', ')} };`,
  ].join('\n');
  const make = new Function('M', 'P', `return function project(r) {\n${body}\n};`) as (
    m: typeof misfit,
    p: Project[],
  ) => Project;
  return make(misfit, nested);
}

/**
 * Fastify's response serializer for zod schemas: the zod schemas stay the contract (and the OpenAPI
 * source), but a response is checked and copied by a projection compiled once per route from its schema,
 * then `JSON.stringify`-ed, instead of a full zod parse. Only the schema's fields are ever written, in
 * the schema's order: the same JSON as zod's output. A value that does not fit (a wrong type, a missing
 * field, a failed check) goes through zod, which answers as before (a 500 for the route). Schemas with
 * parts the projection does not cover are serialized by zod entirely.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const viaZod = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  const project = route.schema instanceof $ZodType ? compile(route.schema) : null;
  if (project === null) return viaZod;
  return (data) => {
    const projected = project(data);
    return projected === misfit ? viaZod(data) : JSON.stringify(projected);
  };
};
