import type { Connection } from '@agno-migrate/core/dialect';

export interface HeartbeatOptions {
  readonly intervalMs: number;
  /** How long the lease lasts after a renewal: past it without one, the lease counts as lost. */
  readonly ttlMs: number;
  /** A connection of its own, so a long statement on the run's connection cannot starve the lease. */
  readonly open: () => Promise<Connection>;
  /** Used when no connection of its own can be had (a single caller-owned connection). */
  readonly fallback: () => Connection | undefined;
  /** Renews the lease; resolves false when another owner holds it now. */
  readonly renew: (connection: Connection) => Promise<boolean>;
  readonly onLost: (reason: string) => void;
}

/** Renews a lease on a timer until stopped; never keeps the process alive by itself. */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private connection: Connection | undefined;
  private owned = false;
  private inFlight: Promise<void> = Promise.resolve();
  private lastRenewal = Date.now();

  constructor(private readonly options: HeartbeatOptions) {
    this.schedule();
  }

  /** Stops renewing; the heartbeat's own connection closes once a renewal in flight has ended. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    void this.inFlight.then(() => this.closeConnection());
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.beat().finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    try {
      const connection = await this.connectionForBeat();
      if (this.stopped) return;
      if (await this.options.renew(connection)) {
        this.lastRenewal = Date.now();
        return;
      }
      this.lost('another run took the lease over');
    } catch (error) {
      // A failed renewal is retried; only a lease that may have run out is given up on.
      if (Date.now() - this.lastRenewal >= this.options.ttlMs) {
        this.lost(
          `the lease could not be renewed for ${Math.round(this.options.ttlMs / 1000)} s (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    }
  }

  private async connectionForBeat(): Promise<Connection> {
    if (this.connection) return this.connection;
    try {
      this.connection = await this.options.open();
      this.owned = true;
    } catch (error) {
      const fallback = this.options.fallback();
      if (!fallback) throw error;
      this.connection = fallback;
    }
    return this.connection;
  }

  private lost(reason: string): void {
    this.stopped = true;
    this.options.onLost(reason);
    void this.closeConnection();
  }

  private async closeConnection(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection && this.owned) await connection.close().catch(() => {});
  }
}
