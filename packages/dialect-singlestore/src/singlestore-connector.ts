import type { Connection, DatabaseError } from '@agno-migrate/core/dialect';
import { MysqlConnector } from '@agno-migrate/dialect-mysql';

/** What the lease lock needs of the connector: connections for its heartbeat, and a way to stop the run. */
export interface LeaseConnections {
  /** A connection of its own, beside the run's, so a long statement cannot starve the lease. */
  openSpare(): Promise<Connection>;
  /** The run's own connection, used for renewals when no other can be opened. */
  readonly runConnection: Connection | undefined;
  /** Every later statement of the run fails with `error` (the lease is lost); null lets them run again. */
  failStatementsWith(error: DatabaseError | null): void;
}

/** MySQL's connector, whose run connection stops once the run's lease is lost. */
export class SinglestoreConnector extends MysqlConnector implements LeaseConnections {
  private current: Connection | undefined;
  private failure: DatabaseError | null = null;

  /** The run's connection: each statement first checks that the run still holds its lease. */
  override async connect(): Promise<Connection> {
    const inner = await super.connect();
    this.current = inner;
    return {
      query: (text, params) => (this.failure ? Promise.reject(this.failure) : inner.query(text, params)),
      close: async () => {
        if (this.current === inner) this.current = undefined;
        await inner.close();
      },
    };
  }

  openSpare(): Promise<Connection> {
    return super.connect();
  }

  get runConnection(): Connection | undefined {
    return this.current;
  }

  failStatementsWith(error: DatabaseError | null): void {
    this.failure = error;
  }
}
