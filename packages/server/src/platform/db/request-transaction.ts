import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery } from 'kysely';
import type { DatabaseConnection, Dialect, Driver, QueryCompiler, TransactionSettings } from 'kysely';

/**
 * A transaction that spans a whole HTTP request: every query run inside {@link run} (by any module,
 * through the ordinary `Kysely` instance) uses its connection, and a module's own
 * `db.transaction().execute(…)` becomes a savepoint inside it. Nothing is visible to others, and
 * nothing survives a crash, until {@link commit}.
 */
export interface RequestTransaction {
  /** Runs `task` (and everything it awaits) on this transaction's connection. */
  run<T>(task: () => T): T;
  /** Commits and releases the connection; a failed commit rolls back and rethrows. */
  commit(): Promise<void>;
  /** Rolls back and releases the connection. Calling it after commit or rollback does nothing. */
  rollback(): Promise<void>;
}

const savepointName = (depth: number) => `mw_request_${depth}`;

/**
 * Wraps a dialect's driver so that connections can be held for a request (see {@link RequestTransaction}).
 * Outside a request transaction it behaves exactly as the wrapped driver. Nested transactions on a held
 * connection map to SAVEPOINT / RELEASE / ROLLBACK TO, which SQLite and PostgreSQL both speak.
 */
class RequestScopedDriver implements Driver {
  readonly #held = new AsyncLocalStorage<DatabaseConnection>();
  readonly #heldConnections = new WeakSet<DatabaseConnection>();
  readonly #depths = new WeakMap<DatabaseConnection, number>();
  readonly #afterCommit = new WeakMap<DatabaseConnection, (() => void)[]>();
  #ready: Promise<void> | undefined;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return (this.#ready ??= this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Inside a request transaction the held connection is reused; acquiring another would wait forever
    // on SQLite's single connection, and on PostgreSQL would run outside the transaction.
    return this.#held.getStore() ?? this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (!this.#heldConnections.has(connection)) await this.inner.releaseConnection(connection);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const depth = this.#depths.get(connection) ?? 0;
    if (depth === 0) await this.inner.beginTransaction(connection, settings);
    else await connection.executeQuery(CompiledQuery.raw(`savepoint ${savepointName(depth)}`));
    this.#depths.set(connection, depth + 1);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const depth = this.#leave(connection);
    if (depth === 0) await this.inner.commitTransaction(connection);
    else await connection.executeQuery(CompiledQuery.raw(`release savepoint ${savepointName(depth)}`));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const depth = this.#leave(connection);
    if (depth === 0) {
      await this.inner.rollbackTransaction(connection);
      return;
    }
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${savepointName(depth)}`));
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${savepointName(depth)}`));
  }

  #leave(connection: DatabaseConnection): number {
    const depth = Math.max(0, (this.#depths.get(connection) ?? 1) - 1);
    if (depth === 0) this.#depths.delete(connection);
    else this.#depths.set(connection, depth);
    return depth;
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.inner.savepoint?.(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  /**
   * Runs `task` once the current request transaction commits (dropped if it rolls back), outside it; at
   * once when no request transaction is running.
   */
  afterCommit(task: () => void): void {
    const connection = this.#held.getStore();
    if (!connection) {
      task();
      return;
    }
    const tasks = this.#afterCommit.get(connection) ?? [];
    tasks.push(() => this.#held.exit(task));
    this.#afterCommit.set(connection, tasks);
  }

  async begin(): Promise<RequestTransaction> {
    await this.init();
    const connection = await this.inner.acquireConnection();
    try {
      await this.beginTransaction(connection, {});
    } catch (error) {
      await this.inner.releaseConnection(connection);
      throw error;
    }
    this.#heldConnections.add(connection);
    let isOpen = true;
    const finish = async (end: (c: DatabaseConnection) => Promise<void>): Promise<void> => {
      if (!isOpen) return;
      isOpen = false;
      try {
        await end(connection);
      } catch (error) {
        // SQLite keeps a transaction open after a failed COMMIT; end it before the connection is reused.
        await this.inner.rollbackTransaction(connection).catch(() => undefined);
        throw error;
      } finally {
        this.#afterCommit.delete(connection);
        this.#depths.delete(connection);
        this.#heldConnections.delete(connection);
        await this.inner.releaseConnection(connection);
      }
    };
    return {
      run: (task) => this.#held.run(connection, task),
      commit: async () => {
        const tasks = this.#afterCommit.get(connection) ?? [];
        await finish((c) => this.commitTransaction(c));
        for (const task of tasks) task();
      },
      rollback: () => finish((c) => this.rollbackTransaction(c)),
    };
  }
}

/** A dialect whose connections can be held for a request, and the way to start such a transaction. */
export interface RequestScopedDialect {
  dialect: Dialect;
  /** Starts a request transaction; only valid once the Kysely instance over `dialect` exists. */
  beginRequestTransaction(): Promise<RequestTransaction>;
  /** Runs `task` after the current request transaction commits, or at once outside one. */
  afterCommit(task: () => void): void;
}

/** Wraps `dialect` so that requests can hold one transaction from start to response. */
export function createRequestScopedDialect(inner: Dialect): RequestScopedDialect {
  let driver: RequestScopedDriver | undefined;
  const dialect: Dialect = {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => (driver = new RequestScopedDriver(inner.createDriver())),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
  return {
    dialect,
    beginRequestTransaction: async () => {
      if (!driver) throw new Error('The database is not open.');
      return driver.begin();
    },
    afterCommit: (task) => (driver ? driver.afterCommit(task) : task()),
  };
}
