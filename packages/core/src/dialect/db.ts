/**
 * Database work is written once as generators that yield requests; a synchronous loop (SQLite's
 * `upSync()`) and an asynchronous loop drive the same code.
 */
export type Row = Record<string, unknown>;

export interface QueryResult {
  readonly rows: readonly Row[];
  readonly affectedRows: number;
}

export type DbRequest =
  | { readonly type: 'query'; readonly sql: string; readonly params: readonly unknown[] }
  | { readonly type: 'sleep'; readonly ms: number };

export type Db<T> = Generator<DbRequest, T, QueryResult | undefined>;

export function* query(sql: string, params: readonly unknown[] = []): Db<QueryResult> {
  const result = yield { type: 'query', sql, params };
  return result!;
}

export function* sleep(ms: number): Db<void> {
  yield { type: 'sleep', ms };
}

/** A pinned connection: one per run, so session locks and transactions stay on it. */
export interface Connection {
  query(sql: string, params: readonly unknown[]): Promise<QueryResult>;
  close(): Promise<void>;
  /** Present on synchronous drivers only. */
  querySync?(sql: string, params: readonly unknown[]): QueryResult;
  closeSync?(): void;
}

export async function runAsync<T>(work: Db<T>, conn: Connection): Promise<T> {
  let step = work.next();
  while (!step.done) {
    const request = step.value;
    let result: QueryResult | undefined;
    try {
      if (request.type === 'sleep') await new Promise((r) => setTimeout(r, request.ms));
      else result = await conn.query(request.sql, request.params);
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}

export function runSync<T>(work: Db<T>, conn: Connection): T {
  const querySync = conn.querySync?.bind(conn);
  if (!querySync) throw new TypeError('this connection has no synchronous driver');
  let step = work.next();
  while (!step.done) {
    const request = step.value;
    let result: QueryResult | undefined;
    try {
      if (request.type === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, request.ms);
      else result = querySync(request.sql, request.params);
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}
