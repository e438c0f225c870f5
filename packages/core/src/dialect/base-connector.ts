import type { Connection } from './db.js';
import type { Connector, SessionSetting, WriteLimits } from './dialect.js';

/** Enough rows per statement to amortise the round trip, small enough to keep memory flat. */
export const BATCH_BYTES = 16 * 1024 * 1024;
/** A row no database here refuses for its size alone (PostgreSQL caps one value at 1 GB). */
export const HUGE_ROW_BYTES = 512 * 1024 * 1024;

/** Defaults for every connector: no session settings, and write limits a dialect states for its driver. */
export abstract class BaseConnector implements Connector {
  abstract connect(): Promise<Connection>;
  abstract writeLimits(connection: Connection): Promise<WriteLimits>;

  /** Only sessions a connector opens from a URL set anything; a caller's client keeps its own settings. */
  readonly sessionSettings: readonly SessionSetting[] = [];
  /** Drivers return zone-less datetimes as they are stored, unless a connector says otherwise. */
  readonly wallClockDates: boolean = false;
}
