// Repository-layer code shared by modules (hence `.repository.ts`: only repositories import Kysely).
import { createQueryId } from 'kysely';
import type { Compilable, CompiledQuery, Kysely, KyselyPlugin, QueryResult } from 'kysely';
import type { Database } from './database.js';

/** Stands for the `index`-th argument of a precompiled query while it is built. */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  plugins: readonly KyselyPlugin[];
  compiled: CompiledQuery;
}

/** A query compiled once per database, run with new values; see {@link precompile}. */
export type Precompiled<Args extends unknown[], Row> = (
  db: Kysely<Database>,
  ...args: Args
) => Promise<QueryResult<Row>>;

function samePlugins(a: readonly KyselyPlugin[], b: readonly KyselyPlugin[]): boolean {
  return a.length === b.length && a.every((plugin, i) => plugin === b[i]);
}

/**
 * A query of a hot path, built with Kysely's query builder and compiled to SQL once per database (and
 * plugin list), then run with the values of each call. Building and compiling cost more than running most
 * of our queries on SQLite. `build` receives placeholders for its arguments: use each where a value goes
 * (`where`, `limit`, `values`, `set`…) and nowhere else (never in `if`, never spread into an `in` list:
 * the SQL must not depend on the values). Every placeholder must end up in the SQL.
 *
 * @example
 * const findToken = precompile((db, hash: string) =>
 *   db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', hash),
 * );
 * const row = (await findToken(db, hashSecret(token))).rows[0];
 */
export function precompile<Args extends unknown[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): Precompiled<Args, Row> {
  const arity = build.length - 1;
  const templates = new WeakMap<object, Template>();
  const compile = (db: Kysely<Database>): CompiledQuery => {
    const slots = Array.from({ length: arity }, (_, i) => new Slot(i)) as unknown as Args;
    const compiled = build(db, ...slots).compile();
    const used = new Set(compiled.parameters.filter((p) => p instanceof Slot).map((p) => p.index));
    if (used.size !== arity) throw new Error(`precompile: ${arity - used.size} argument(s) not in the SQL`);
    return compiled;
  };
  return (db, ...args) => {
    const executor = db.getExecutor();
    let template = templates.get(executor.adapter);
    if (template === undefined || !samePlugins(template.plugins, executor.plugins)) {
      template = { plugins: [...executor.plugins], compiled: compile(db) };
      templates.set(executor.adapter, template);
    }
    const { query, sql } = template.compiled;
    const parameters = template.compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    return db.executeQuery<Row>({ query, sql, parameters, queryId: createQueryId() });
  };
}
