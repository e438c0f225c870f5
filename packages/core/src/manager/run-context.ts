import type { TableTypeInfo } from '../catalog/registry.js';
import type { Dialect, LockRequest } from '../dialect/dialect.js';
import type { VersionGraph } from '../graph/version-graph.js';
import type { Logger, MigrationEvent } from './events.js';

export interface TableRef {
  readonly info: TableTypeInfo;
  readonly name: string;
}

/** What every run generator needs: fixed for one call of up/down/create/status. */
export interface RunContext {
  readonly dialect: Dialect;
  readonly graph: VersionGraph;
  readonly versionsTable: string;
  /** Every table the manager knows, by type, with its configured name (for foreign keys). */
  readonly names: Readonly<Record<string, string>>;
  readonly lock: LockRequest;
  readonly now: Date;
  readonly logger: Logger;
  /** Passed to every data task of the run (`up({ purgeUnrecoverable })`). */
  readonly taskOptions?: Readonly<Record<string, unknown>>;
  emit(event: MigrationEvent): void;
}

/** Agno's timestamp format for the versions table: local time, ISO, microseconds, no zone. */
export function agnoTimestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}000`
  );
}
