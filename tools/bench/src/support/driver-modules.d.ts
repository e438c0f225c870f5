// The few members of the drivers the bench calls, typed structurally (their @types packages are
// not dependencies of this folder).
declare module 'pg' {
  interface QueryResult {
    rows: Record<string, unknown>[];
    rowCount: number | null;
  }
  class Client {
    constructor(config: { connectionString: string; application_name?: string });
    connect(): Promise<void>;
    query(text: string, params?: readonly unknown[]): Promise<QueryResult>;
    end(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  class Pool {
    constructor(config: { connectionString: string; max?: number });
    query(text: string, params?: readonly unknown[]): Promise<QueryResult>;
    end(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  const pg: { Client: typeof Client; Pool: typeof Pool };
  export default pg;
}

declare module 'better-sqlite3' {
  interface Statement {
    readonly reader: boolean;
    all(...params: unknown[]): Record<string, unknown>[];
    get(...params: unknown[]): Record<string, unknown> | undefined;
    run(...params: unknown[]): { changes: number };
    iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
  }
  class Database {
    constructor(path: string, options?: { fileMustExist?: boolean });
    prepare(sql: string): Statement;
    exec(sql: string): this;
    pragma(sql: string): unknown;
    close(): void;
    readonly open: boolean;
  }
  export default Database;
}
