import type { MigrationManager } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import { KeyedQueue } from './keyed-queue.js';

/**
 * One database the endpoints can migrate. `manager`: kept open between requests and closed by the
 * handler's `close()`. `open`: a new manager for every request, closed when the request is done
 * (a dropped connection then costs one request, not every later one).
 */
export type DatabaseEntry =
  | { readonly manager: MigrationManager }
  | { readonly open: () => MigrationManager | Promise<MigrationManager> }
  /** A database another AgentOS owns (AgentOS's RemoteDb): listed, never migrated from here. */
  | { readonly remote: true };

/** The databases by id, each used by one request at a time. */
export class DatabaseSet {
  private readonly entries: ReadonlyMap<string, DatabaseEntry>;
  private readonly queue = new KeyedQueue();

  constructor(databases: Readonly<Record<string, DatabaseEntry>>) {
    for (const [id, entry] of Object.entries(databases)) {
      // POST /databases/all/migrate is the migrate-all route, so a database with that id could never be addressed.
      if (id === 'all') throw new ConfigurationError('a database cannot have the id "all": it names the migrate-all route');
      if (!entry || (!('manager' in entry) && !('open' in entry) && !('remote' in entry && entry.remote === true))) {
        throw new ConfigurationError(`database ${JSON.stringify(id)} needs a manager, an open() function or remote: true`);
      }
    }
    this.entries = new Map(Object.entries(databases));
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  isRemote(id: string): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && 'remote' in entry;
  }

  /** The databases this server migrates, in configuration order. */
  localIds(): string[] {
    return this.ids().filter((id) => !this.isRemote(id));
  }

  remoteIds(): string[] {
    return this.ids().filter((id) => this.isRemote(id));
  }

  /** Runs `work` with the database's manager once no other request is using it. */
  use<T>(id: string, work: (manager: MigrationManager) => Promise<T>): Promise<T> {
    const entry = this.entries.get(id);
    if (!entry) throw new ConfigurationError(`no database with id ${JSON.stringify(id)}`);
    if ('remote' in entry) throw new ConfigurationError(remoteMessage(id));
    return this.queue.run(id, async () => {
      if ('manager' in entry) {
        try {
          return await work(entry.manager);
        } catch (error) {
          // Dropping the connection after a failure lets the next request reconnect.
          await entry.manager.close().catch(() => {});
          throw error;
        }
      }
      const manager = await (entry as { open: () => MigrationManager | Promise<MigrationManager> }).open();
      try {
        return await work(manager);
      } finally {
        await manager.close().catch(() => {});
      }
    });
  }

  /** Waits for the requests under way, then closes the managers kept open. */
  async close(): Promise<void> {
    await this.queue.drain();
    for (const entry of this.entries.values()) {
      if ('manager' in entry) await entry.manager.close().catch(() => {});
    }
  }
}

/** AgentOS 3.x's answer for a database it does not own. */
export function remoteMessage(id: string): string {
  return `Database '${id}' is remote; run the migration on the AgentOS that owns it instead.`;
}
