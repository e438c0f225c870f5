import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@agno-migrate/core';
import { ConfigurationError, MigrationManager } from '@agno-migrate/core';
import type { DatabaseEntry } from '@agno-migrate/http';
import { fs } from '../builtins.js';
import { DEFAULT_CONFIG, fromConfigEntry } from '../config/database-options.js';
import { readConfig } from '../config/read-config.js';
import { EXIT } from '../exit-codes.js';
import { loadDialect } from '../load-dialect.js';
import { loadOptional } from '../optional-package.js';
import { knownSecrets, scrubSecrets } from '../secrets.js';
import { writeStderr, writeStdout } from '../output/standard-streams.js';

export interface ServeOptions {
  config?: string;
  host: string;
  port: number;
  lockTimeout?: number;
}

/**
 * `agno-migrate serve`: AgentOS's migration endpoints for the databases of a config file. Resolves
 * with the exit code once a signal has stopped the server and the requests under way have finished.
 */
export async function serveCommand(options: ServeOptions): Promise<number> {
  // Loaded here rather than imported: the CLI's bundle holds every command, and `up` must not pay
  // for an HTTP server (node:http) or for an optional package.
  const { createServer } = await import('node:http');
  const { createMigrationHandler, JwtVerifier, jwtOptionsFromEnvironment, toNodeListener } = await loadOptional(
    () => import('@agno-migrate/http'),
    '@agno-migrate/http',
    'serve',
  );
  const file = options.config ?? (fs.existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (file === undefined)
    throw new ConfigurationError(`serve needs --config <file> (or ./${DEFAULT_CONFIG}) naming the databases to serve`);
  const config = readConfig(file);
  const securityKey = config.securityKey ?? (process.env['OS_SECURITY_KEY'] || undefined);
  // AgentOS's JWT settings: the file's, else its JWT_* environment variables (read by the handler).
  const jwtConfigured = config.jwt !== undefined || ['JWT_VERIFICATION_KEY', 'JWT_JWKS_FILE', 'JWT_JWKS'].some((v) => process.env[v]);
  if (!securityKey && !jwtConfigured && !isLoopback(options.host)) {
    throw new ConfigurationError(
      `refusing to listen on ${options.host} without a security key: set OS_SECURITY_KEY or "securityKey" in ${file}, configure JWT authorization, or listen on 127.0.0.1`,
    );
  }
  // The config's passwords and key are registered by now: gather them once, not per log line.
  const secrets = knownSecrets([]);
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const logger: Logger = {
    info: (line) => writeStderr(`${scrub(line)}\n`),
    warn: (line) => writeStderr(`${scrub(line)}\n`),
  };
  const databases: Record<string, DatabaseEntry> = {};
  for (const [id, entry] of Object.entries(config.databases)) {
    databases[id] = await databaseEntry(id, entry, options.lockTimeout);
  }
  for (const id of config.remoteDatabases ?? []) databases[id] = { remote: true };
  // Bad JWT settings stop the start-up with one line instead of failing every request.
  const jwtOptions = config.jwt ?? jwtOptionsFromEnvironment(process.env);
  if (jwtOptions) await new JwtVerifier(jwtOptions).ready();
  // The key decided here, which also decided whether a non-loopback address is allowed.
  const handler = createMigrationHandler({
    databases,
    securityKey: securityKey ?? '',
    logger,
    redact: scrub,
    ...(config.jwt !== undefined ? { jwt: config.jwt } : {}),
  });
  const server = createServer(toNodeListener(handler));
  await listen(server, options.host, options.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  writeStdout(`agno-migrate serve: listening on http://${host}:${address.port} (databases: ${Object.keys(databases).join(', ')})\n`);

  await stopSignal();
  // New connections are refused at once; requests under way finish (and release their locks) first.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await handler.close();
  await closed;
  return EXIT.ok;
}

async function databaseEntry(
  id: string,
  entry: Parameters<typeof fromConfigEntry>[0],
  lockTimeout: number | undefined,
): Promise<DatabaseEntry> {
  const { target, schema, tables, versionsTable } = fromConfigEntry(entry);
  const dialect = await loadDialect({ target, ...(schema !== undefined ? { schema } : {}), mustExist: true });
  const open = () =>
    new MigrationManager(dialect, {
      tables,
      ...(versionsTable !== undefined ? { versionsTable } : {}),
      ...(lockTimeout !== undefined ? { lockTimeoutMs: lockTimeout * 1000 } : {}),
    });
  // Names are checked now, so a bad entry stops the start-up instead of failing every request.
  try {
    open();
  } catch (error) {
    throw new ConfigurationError(`databases.${id}: ${(error as Error).message}`, {}, { cause: error });
  }
  return { open };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the address is in use' : error.code === 'EACCES' ? 'permission denied' : error.message;
      reject(new ConfigurationError(`cannot listen on ${host}:${port}: ${reason}`, {}, { cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      const force = () => process.exit(130);
      process.once('SIGINT', force).once('SIGTERM', force);
      writeStderr('agno-migrate serve: stopping; waiting for requests under way\n');
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}
