import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

/** A port that accepts a connection and resets it before saying anything, as a filtering firewall may. */
async function resettingServer(): Promise<Server> {
  const server = createServer((socket: Socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('a connection reset before the handshake', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('is a server that cannot be reached, not a session that ended', async () => {
    server = await resettingServer();
    const { port } = server.address() as AddressInfo;
    const dialect = mysqlDialect(`mysql://root@127.0.0.1:${port}/test`);
    const error = await dialect.connector.connect().then(
      () => undefined,
      (e: unknown) => dialect.errors.translate(e),
    );
    expect(error?.message).toMatch(
      new RegExp(`^cannot reach MySQL at 127\\.0\\.0\\.1:${port} \\((ECONNRESET|PROTOCOL_CONNECTION_LOST)\\)`),
    );
  });
});
