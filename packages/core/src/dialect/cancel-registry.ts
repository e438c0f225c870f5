import { DatabaseError } from '../errors.js';

/**
 * The statements this process has running on database servers, so an interrupted command can ask
 * each server to stop its statement before the process exits (a process that just dies leaves the
 * server running the orphaned statement, and holding its locks, until the statement ends).
 * Connectors register each connection that can be cancelled while it is open, and ask
 * `checkNotStopped()` before sending a statement.
 */
export interface Cancellable {
  /** Asks the server, from a second channel, to cancel what this connection is running; resolves when asked. */
  cancel(): Promise<void>;
}

const open = new Set<Cancellable>();
let stopped = false;

/** Registers `connection` until the returned function is called (on close). */
export function trackCancellable(connection: Cancellable): () => void {
  open.add(connection);
  return () => {
    open.delete(connection);
  };
}

/**
 * Stops the work of this process on every server: no further statement is sent, and the one in
 * flight on each open connection is cancelled. The runs then unwind through their error paths
 * and close their connections, which rolls back what was in flight and releases session locks.
 * Resolves once every server was asked (or could not be).
 */
export async function stopRunningStatements(): Promise<number> {
  stopped = true;
  const all = [...open];
  await Promise.all(all.map((c) => c.cancel().catch(() => {})));
  return all.length;
}

/** Thrown instead of sending a statement once the process was told to stop. */
export function checkNotStopped(): void {
  if (stopped) throw new DatabaseError('the command was interrupted: no further statement was sent', { kind: 'interrupted' });
}
