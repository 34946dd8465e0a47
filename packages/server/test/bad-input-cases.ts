// Generators for the bad-input tests (BAD_INPUT.md): the routes of the app as its OpenAPI document describes
// them, a valid request for each from the authorization matrix, and the broken variants of a valid body.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { routeExpectations } from './authorization-expectations.js';
import type { RouteRequest } from './authorization-expectations.js';
import type { CallerName, World } from './authorization-world.js';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, JsonSchema>;
}

/** A route of the app, as the OpenAPI document and the matrix know it. */
export interface ApiRoute {
  key: string;
  method: string;
  pattern: string;
  /** The JSON body's schema, when the route takes one. */
  body?: JsonSchema;
  query: string[];
  /** A caller the matrix lets through (2xx), or the anonymous caller of a credential-free route. */
  caller: CallerName;
  /** Whether that caller would succeed. */
  succeeds: boolean;
  /** Counts against the `posting` rate limit (the matrix row's `posting`). */
  posting: boolean;
  /** Ends the admin's cookie session (the matrix row's `runsLast`). */
  runsLast: boolean;
  request(world: World): Promise<RouteRequest>;
  /** The request another caller would make. */
  requestAs(world: World, caller: CallerName): Promise<RouteRequest>;
}

const preferred: CallerName[] = ['owner', 'member', 'admin', 'guest', 'outsider', 'foreign', 'anonymous'];

/** Every route under /api/v1, from the app's own OpenAPI document. */
export function listRoutes(app: FastifyInstance): ApiRoute[] {
  type Operation = {
    parameters?: { in: string; name: string }[];
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
  };
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  const routes: ApiRoute[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const pattern = path.replace(/\{([^}]+)\}/g, ':$1');
      const key = `${method.toUpperCase()} ${pattern}`;
      const row = routeExpectations[key];
      if (!row) throw new Error(`${key} has no row in authorization-expectations.ts`);
      const ok = preferred.find((c) => row.expect[c] < 300);
      const caller = ok ?? (row.expect.anonymous === 401 ? 'owner' : 'anonymous');
      routes.push({
        key,
        method: method.toUpperCase(),
        pattern,
        ...(operation.requestBody ? { body: operation.requestBody.content['application/json']!.schema } : {}),
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        caller,
        succeeds: ok !== undefined,
        posting: Boolean(row.posting),
        runsLast: Boolean(row.runsLast),
        request: async (world) => row.request(world, caller),
        requestAs: async (world, as) => row.request(world, as),
      });
    }
  }
  return routes;
}

/** A request body: an object (sent as JSON) or raw bytes with a content type. */
export interface BadBody {
  name: string;
  raw: string | Buffer;
  contentType?: string;
  status: number;
}

const json = (value: unknown) => JSON.stringify(value);
/** Stands in a body for a number that JSON.stringify cannot write; replaced in the text. */
const literalMark = 'literal-number-7f3c';

/** The broken variants of `valid` for a body schema (BAD_INPUT rows 1–5, 7, 12, 17, 20). */
export function badBodies(schema: JsonSchema, valid: Record<string, unknown>): BadBody[] {
  const text = json(valid);
  const inner = text.slice(1, -1);
  const join = (extra: string) => `{${extra}${inner === '' ? '' : `,${inner}`}}`;
  const props = schema.properties ?? {};
  const firstKey = Object.keys(valid)[0] ?? Object.keys(props)[0]!;
  const cases: BadBody[] = [
    { name: 'one byte over 1 MiB', raw: json({ x: 'a'.repeat(1024 * 1024) }), status: 413 },
    {
      name: '100k nested arrays',
      raw: join(`"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      status: 400,
    },
    { name: '__proto__', raw: join('"__proto__":{"role":"owner"}'), status: 400 },
    {
      name: 'nested constructor.prototype',
      raw: join('"a":{"b":{"constructor":{"prototype":{"x":1}}}}'),
      status: 400,
    },
    {
      name: 'invalid UTF-8',
      raw: Buffer.concat([Buffer.from(`{"${firstKey}":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      status: 400,
    },
    { name: 'duplicate key, last one invalid', raw: `{${inner},"${firstKey}":12345}`, status: 400 },
    { name: 'JSON as text/plain', raw: text, contentType: 'text/plain', status: 415 },
    { name: 'JSON as a form', raw: 'a=1', contentType: 'application/x-www-form-urlencoded', status: 415 },
    { name: 'an array instead of an object', raw: json([valid]), status: 400 },
  ];
  for (const field of ['workspaceId', 'authorId', 'role', 'createdAt', 'id', 'personId']) {
    if (!(field in props))
      cases.push({ name: `mass-assigned ${field}`, raw: json({ ...valid, [field]: 'x' }), status: 400 });
  }
  for (const [key, prop] of Object.entries(props)) {
    const variants: [string, unknown][] =
      prop.type === 'string'
        ? [
            ['NUL', 'a\u0000b'],
            ['lone surrogate', 'a\ud800b'],
            ['300k characters', 'a'.repeat(300_000)],
            ['an array for a string', ['a']],
            ['a number for a string', 1],
          ]
        : prop.type === 'integer' || prop.type === 'number'
          ? [
              ['2^53+1', 2 ** 53 + 1],
              ['"01"', '01'],
              ['a fraction', 1.5],
              ...(prop.minimum === undefined
                ? []
                : ([['one below the minimum', prop.minimum - 1]] as [string, unknown][])),
            ]
          : [['a string for an array', 'x']];
    for (const [name, value] of variants) {
      cases.push({ name: `${key}: ${name}`, raw: json({ ...valid, [key]: value }), status: 400 });
    }
    // Written as JSON text: `JSON.stringify` turns -0 into 0 and 1e309 (Infinity) into null. Every number
    // the API takes is a count, an index or a duration, so `-0` is refused even where 0 is allowed.
    if (prop.type === 'integer' || prop.type === 'number') {
      for (const literal of ['-0', '1e309']) {
        const raw = json({ ...valid, [key]: literalMark }).replace(`"${literalMark}"`, literal);
        cases.push({ name: `${key}: ${literal}`, raw, status: 400 });
      }
    }
  }
  return cases;
}

/** Row counts of every table, to check that a refused write changed nothing. */
export async function countRows(db: Kysely<unknown>): Promise<Record<string, number>> {
  const tables = await db.introspection.getTables();
  const counts: Record<string, number> = {};
  // FTS5 keeps its own shadow tables, whose rows change as it merges segments.
  for (const table of tables.filter((t) => !/_search(_data|_idx|_docsize|_config|_content)?$/.test(t.name))) {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    counts[table.name] = Number(rows[0]!.n);
  }
  return counts;
}

/**
 * Ids that must answer 404 like any unknown id (BAD_INPUT row 16), whatever their shape or length
 * (`shared/id-param.ts`): no route may answer 400 for an id that cannot exist and 404 for one that might.
 */
export const hostileIds = [
  '1 OR 1=1',
  '{"$ne":null}',
  "' OR ''='",
  '../../etc/passwd',
  '%00',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(101),
  'é'.repeat(2000),
  '00000000-0000-0000-0000-000000000000',
  '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5B',
];
