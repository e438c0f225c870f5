import { connect } from 'node:net';

/** What node-postgres keeps about a connected session: where it went, and the keys the server gave it. */
interface SessionKeys {
  readonly host?: unknown;
  readonly port?: unknown;
  readonly processID?: unknown;
  readonly secretKey?: unknown;
}

const CANCEL_REQUEST_CODE = 80877102;
const CANCEL_WAIT_MS = 3000;

/**
 * PostgreSQL's cancel request for the session of `client`: a separate connection that sends the
 * session's process id and secret key and nothing else, as `psql` does on Ctrl-C. It needs no
 * login and no free connection slot, and stops only the statement in flight; the session's
 * transaction then rolls back. Resolves once the server has read it (or could not be reached).
 */
export function cancelRequest(client: SessionKeys): Promise<void> {
  const pid = client.processID;
  const key = client.secretKey;
  const host = typeof client.host === 'string' ? client.host : 'localhost';
  const port = Number(client.port ?? 5432);
  if (typeof pid !== 'number' || typeof key !== 'number') return Promise.resolve();
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  message.writeInt32BE(pid, 8);
  message.writeInt32BE(key, 12);
  return new Promise((resolve) => {
    const socket = host.startsWith('/') ? connect(`${host}/.s.PGSQL.${port}`) : connect(port, host);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    // The server closes the connection once it has the request; it never answers.
    const timer = setTimeout(done, CANCEL_WAIT_MS);
    socket.once('connect', () => socket.end(message));
    socket.once('close', done);
    socket.once('error', done);
  });
}
