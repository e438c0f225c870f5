import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MigrationHandler } from '../src/index.js';
import { toNodeListener } from '../src/index.js';

export interface Loopback {
  readonly url: string;
  post(path: string, init?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  get(path: string, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The handler behind a real HTTP server on 127.0.0.1, on a port the system picks. */
export async function serveOnLoopback(handler: MigrationHandler): Promise<Loopback> {
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, init: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
  return {
    url,
    post: (path, init) => call('POST', path, init),
    get: (path, token) => call('GET', path, token !== undefined ? { token } : {}),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.close();
    },
  };
}
