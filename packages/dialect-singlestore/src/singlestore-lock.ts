import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db, LockRequest, Row } from '@agno-migrate/core/dialect';
import { BaseLock, DatabaseError, LockTimeoutError, query, sleep } from '@agno-migrate/core/dialect';
import { mysqlLockName } from '@agno-migrate/dialect-mysql';
import type { LeaseConnections } from './singlestore-connector.js';
import { Heartbeat } from './singlestore-heartbeat.js';

export interface LeaseLockOptions {
  /** The lock table, quoted and qualified. */
  readonly table: string;
  /** `CREATE ROWSTORE TABLE` on SingleStore; `CREATE TABLE` where ROWSTORE is not SQL (MariaDB). */
  readonly createKeyword: string;
  /** How long a lease lasts without renewal. Default 30 s; whole seconds (the server's clock has no finer unit). */
  readonly ttlMs?: number;
  /** How often the lease is renewed while held. Default a third of the lease. */
  readonly heartbeatMs?: number;
  /** How often a waiting run looks again. Default 500 ms. */
  readonly pollMs?: number;
}

interface Quoting {
  quoteIdent(name: string): string;
}

interface Held {
  readonly name: string;
  readonly owner: string;
  readonly heartbeat: Heartbeat;
  lost: DatabaseError | null;
}

const DEFAULT_TTL_MS = 30_000;

/**
 * The run lock as a lease row, for SingleStore, which documents no session lock. One row per lock
 * name holds a random owner token and an expiry on the server's clock. Taking it is one atomic
 * INSERT … ON DUPLICATE KEY UPDATE that takes over the row only when its lease has run out; reading
 * the row back says who won. A heartbeat renews the lease while the run lasts; a killed run stops
 * renewing, so its lease expires and the next run takes it over. Release deletes the row.
 */
export class SinglestoreLock extends BaseLock {
  private held: Held | null = null;
  private readonly ttlSeconds: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly holder = `${hostname()}:${process.pid}`;

  constructor(
    private readonly options: LeaseLockOptions,
    private readonly names: Quoting,
    private readonly connections: LeaseConnections,
  ) {
    super();
    this.ttlSeconds = Math.max(1, Math.ceil((options.ttlMs ?? DEFAULT_TTL_MS) / 1000));
    this.heartbeatMs = options.heartbeatMs ?? Math.max(250, Math.floor((this.ttlSeconds * 1000) / 3));
    this.pollMs = options.pollMs ?? 500;
  }

  /** The lock table's DDL: a rowstore, so the row lock of a single-row upsert is cheap and exact. */
  createTableSql(): string {
    const q = (n: string) => this.names.quoteIdent(n);
    return (
      `${this.options.createKeyword} IF NOT EXISTS ${this.options.table} (` +
      `${q('lock_name')} VARCHAR(64) NOT NULL, ${q('owner')} VARCHAR(64) NOT NULL, ${q('holder')} VARCHAR(255) NOT NULL, ` +
      `${q('acquired_at')} BIGINT NOT NULL, ${q('expires_at')} BIGINT NOT NULL, PRIMARY KEY (${q('lock_name')}))`
    );
  }

  /**
   * Inserts the row, or takes over an expired one. Every assignment tests the old `expires_at`,
   * which is assigned last, so the result is the same whether the server evaluates assignments in
   * order (MySQL, MariaDB) or against the old row.
   */
  upsertSql(): string {
    const q = (n: string) => this.names.quoteIdent(n);
    const expired = `${q('expires_at')} < VALUES(${q('acquired_at')})`;
    const take = (column: string) => `${q(column)} = IF(${expired}, VALUES(${q(column)}), ${q(column)})`;
    return (
      `INSERT INTO ${this.options.table} (${q('lock_name')}, ${q('owner')}, ${q('holder')}, ${q('acquired_at')}, ${q('expires_at')}) ` +
      `VALUES (?, ?, ?, UNIX_TIMESTAMP(), UNIX_TIMESTAMP() + ?) ON DUPLICATE KEY UPDATE ` +
      ['owner', 'holder', 'acquired_at', 'expires_at'].map(take).join(', ')
    );
  }

  *acquire(request: LockRequest): Db<void> {
    const name = mysqlLockName(request.name);
    const owner = randomUUID();
    const started = Date.now();
    let told = false;
    yield* query(this.createTableSql());
    for (;;) {
      yield* query(this.upsertSql(), [name, owner, this.holder, this.ttlSeconds]);
      const row = yield* this.read(name);
      if (row && String(row['owner']) === owner) {
        this.start(name, owner);
        return;
      }
      if (!told && request.onContended)
        request.onContended(row ? `${String(row['holder'])}, lease taken ${heldFor(row)} s ago` : undefined);
      told = true;
      const waited = Date.now() - started;
      if (waited >= request.timeoutMs) throw this.timeout(name, request.timeoutMs, row);
      yield* sleep(Math.min(this.pollMs, request.timeoutMs - waited));
    }
  }

  /** Never fails: a lease that cannot be deleted expires by itself. */
  *release(request: LockRequest): Db<void> {
    const held = this.held;
    this.held = null;
    this.connections.failStatementsWith(null);
    held?.heartbeat.stop();
    if (!held || held.name !== mysqlLockName(request.name)) return;
    const name = held.name;
    try {
      const q = (n: string) => this.names.quoteIdent(n);
      yield* query(`DELETE FROM ${this.options.table} WHERE ${q('lock_name')} = ? AND ${q('owner')} = ?`, [name, held.owner]);
    } catch {
      // deliberately ignored: the run's own outcome is what the caller needs to see
    }
  }

  /** Whether this process holds the lease now (recovery of interrupted rebuilds needs it). */
  holding(): boolean {
    return this.held !== null && this.held.lost === null;
  }

  /** The error that stops the run once its lease was lost, or null. */
  lostError(): DatabaseError | null {
    return this.held?.lost ?? null;
  }

  private *read(name: string): Db<Row | undefined> {
    const q = (n: string) => this.names.quoteIdent(n);
    const result = yield* query(
      `SELECT ${q('owner')}, ${q('holder')}, ${q('acquired_at')}, ${q('expires_at')}, UNIX_TIMESTAMP() AS ${q('server_now')} ` +
        `FROM ${this.options.table} WHERE ${q('lock_name')} = ?`,
      [name],
    );
    return result.rows[0];
  }

  private start(name: string, owner: string): void {
    const q = (n: string) => this.names.quoteIdent(n);
    const held: Held = {
      name,
      owner,
      lost: null,
      heartbeat: new Heartbeat({
        intervalMs: this.heartbeatMs,
        ttlMs: this.ttlSeconds * 1000,
        open: () => this.connections.openSpare(),
        fallback: () => this.connections.runConnection,
        renew: async (connection) => {
          const renewed = await connection.query(
            `UPDATE ${this.options.table} SET ${q('expires_at')} = UNIX_TIMESTAMP() + ? WHERE ${q('lock_name')} = ? AND ${q('owner')} = ?`,
            [this.ttlSeconds, name, owner],
          );
          if (renewed.affectedRows > 0) return true;
          // Some servers count only changed rows: a renewal within the same second changes nothing.
          const check = await connection.query(`SELECT ${q('owner')} FROM ${this.options.table} WHERE ${q('lock_name')} = ?`, [name]);
          return String(check.rows[0]?.['owner'] ?? '') === owner;
        },
        onLost: (reason) => {
          held.lost = new DatabaseError(
            `the migration lease ${JSON.stringify(name)} was lost (${reason}): this run stopped before its next statement; ` +
              'run it again, it resumes where this one stopped',
            { kind: 'busy', lock: name },
          );
          if (this.held === held) this.connections.failStatementsWith(held.lost);
        },
      }),
    };
    this.held = held;
    this.connections.failStatementsWith(null);
  }

  private timeout(name: string, timeoutMs: number, row: Row | undefined): LockTimeoutError {
    const seconds = Math.max(0, Math.ceil(timeoutMs / 1000));
    let holder = '';
    if (row) {
      const now = Number(row['server_now']);
      const since = heldFor(row);
      const left = Math.max(0, Number(row['expires_at']) - now);
      holder = ` (held by ${String(row['holder'])} for ${since} s; its lease ends in ${left} s unless renewed)`;
    }
    return new LockTimeoutError(
      `another run holds the migration lease ${JSON.stringify(name)}${holder} and did not release it within ${seconds} s: ` +
        `try again when it has finished, or raise --lock-timeout; a lease left by a killed run expires by itself within ${this.ttlSeconds} s`,
      { lock: name },
    );
  }
}

/** Seconds since the lease row was taken, on the server's clock. */
function heldFor(row: Row): number {
  return Math.max(0, Number(row['server_now']) - Number(row['acquired_at']));
}
