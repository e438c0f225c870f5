import type { Connection, Emitter, SpanningLock } from '@agno-migrate/core/dialect';
import { LockTimeoutError } from '@agno-migrate/core/dialect';

/** A holder on another host is presumed dead once its lease is this old without renewal. */
const LEASE_MS = 60_000;
const POLL_MS = 200;
/** The lease is pushed on at most this often: a renewal is a write transaction of its own (a sync to disk). */
const RENEW_MS = 5_000;

interface Holder {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

/** Loaded when a lease is taken: every other run of the dialect (a no-op `up`) pays nothing for crypto and os. */
async function me(): Promise<Holder> {
  const [{ randomBytes }, { hostname }] = await Promise.all([import('node:crypto'), import('node:os')]);
  return { id: randomBytes(8).toString('hex'), host: hostname(), pid: process.pid };
}

/** Whether a process of this host still runs (signal 0 only checks; EPERM means it runs as someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A run lock on SQLite for work that commits batch by batch (v1-to-v2): SQLite's own write lock
 * (one IMMEDIATE transaction) cannot span such a run; a lease row in a small table does. It is
 * taken and checked inside IMMEDIATE transactions, renewed after a batch once 5 s have passed since
 * the last renewal (well inside the minute a lease lasts), and released at the end. A holder that died (SIGKILL, power loss) never blocks the next run: on this host its pid is
 * gone, so its row is taken over at once; on another host (a shared file system) it expires after
 * a minute without renewal.
 */
export class SqliteLeaseLock implements SpanningLock {
  private holder: Holder | undefined;
  private held = false;
  private renewedAt = 0;

  constructor(
    private readonly emitter: Emitter,
    private readonly table: string,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {}

  async acquire(conn: Connection): Promise<void> {
    this.holder ??= await me();
    const self = this.holder;
    const q = (n: string) => this.emitter.quoteIdent(n);
    const t = this.emitter.qualify(this.table);
    const timeoutMs = this.timeoutMs;
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      await conn.query('BEGIN IMMEDIATE', []);
      let other: Holder | null = null;
      try {
        await conn.query(
          `CREATE TABLE IF NOT EXISTS ${t} (${q('lock_name')} TEXT PRIMARY KEY NOT NULL, ${q('holder')} TEXT NOT NULL, ` +
            `${q('host')} TEXT NOT NULL, ${q('pid')} INTEGER NOT NULL, ${q('expires_at')} INTEGER NOT NULL)`,
          [],
        );
        const found = await conn.query(
          `SELECT ${q('holder')}, ${q('host')}, ${q('pid')}, ${q('expires_at')} FROM ${t} WHERE ${q('lock_name')} = ?`,
          [this.name],
        );
        const row = found.rows[0];
        if (row) {
          const holder = { id: String(row['holder']), host: String(row['host']), pid: Number(row['pid']) };
          const stale = holder.host === self.host ? !alive(holder.pid) : Number(row['expires_at']) < Date.now();
          if (!stale && holder.id !== self.id) other = holder;
        }
        if (!other) {
          await conn.query(
            `INSERT INTO ${t} (${q('lock_name')}, ${q('holder')}, ${q('host')}, ${q('pid')}, ${q('expires_at')}) VALUES (?, ?, ?, ?, ?) ` +
              `ON CONFLICT (${q('lock_name')}) DO UPDATE SET ${['holder', 'host', 'pid', 'expires_at'].map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`,
            [this.name, self.id, self.host, self.pid, Date.now() + LEASE_MS],
          );
        }
        await conn.query('COMMIT', []);
      } catch (error) {
        await conn.query('ROLLBACK', []).catch(() => {});
        throw error;
      }
      if (!other) {
        this.held = true;
        this.renewedAt = Date.now();
        return;
      }
      if (Date.now() >= deadline) {
        throw new LockTimeoutError(
          `another run holds this database (pid ${other.pid} on ${other.host}; waited ${Math.round(timeoutMs / 1000)} s): ` +
            'try again when it has finished, or raise --lock-timeout',
          { lock: this.name, pid: other.pid, host: other.host },
        );
      }
      await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
    }
  }

  /** Pushes the lease on; called after every batch, so only a holder on another host relies on it. */
  async renew(conn: Connection): Promise<void> {
    if (!this.held || !this.holder || Date.now() - this.renewedAt < RENEW_MS) return;
    this.renewedAt = Date.now();
    const q = (n: string) => this.emitter.quoteIdent(n);
    await conn.query(
      `UPDATE ${this.emitter.qualify(this.table)} SET ${q('expires_at')} = ? WHERE ${q('lock_name')} = ? AND ${q('holder')} = ?`,
      [Date.now() + LEASE_MS, this.name, this.holder.id],
    );
  }

  async release(conn: Connection): Promise<void> {
    if (!this.held || !this.holder) return;
    this.held = false;
    const q = (n: string) => this.emitter.quoteIdent(n);
    await conn.query(`DELETE FROM ${this.emitter.qualify(this.table)} WHERE ${q('lock_name')} = ? AND ${q('holder')} = ?`, [
      this.name,
      this.holder.id,
    ]);
  }
}
