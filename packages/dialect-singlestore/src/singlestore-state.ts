import type { TableState } from '@agno-migrate/core/dialect';

/**
 * What SingleStore adds to a table's state: the shard and sort keys and the storage type, which a
 * rebuild must carry over because none can be changed after CREATE TABLE. Null where the server
 * does not report them (MariaDB, on which the shared parts are tested).
 */
export interface SinglestoreTableState extends TableState {
  readonly shardKey?: readonly string[] | null;
  readonly sortKey?: readonly string[] | null;
  readonly storage?: 'columnstore' | 'rowstore' | null;
}
