import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { DatabaseKind } from './config.js';
import { openRaw } from './raw-client.js';
import type { RawLocation } from './raw-client.js';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly os: string;
  readonly node: string;
  readonly databases: ReadonlyMap<DatabaseKind, string>;
  readonly loadAtStart: readonly number[];
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()}, ${os.arch()})`;
  } catch {
    // not Linux, or no os-release: the kernel's name will do
  }
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

const VERSION_QUERY: Readonly<Record<DatabaseKind, string>> = {
  sqlite: 'SELECT sqlite_version() AS v',
  postgres: 'SHOW server_version',
  mysql: 'SELECT VERSION() AS v',
};

export async function databaseVersion(where: RawLocation): Promise<string> {
  const client = await openRaw(where);
  try {
    const [row] = await client.rows(VERSION_QUERY[where.kind]);
    const value = String(Object.values(row ?? {})[0] ?? '?');
    return where.kind === 'sqlite'
      ? `SQLite ${value}`
      : where.kind === 'postgres'
        ? `PostgreSQL ${value}`
        : value.includes('MariaDB')
          ? `MariaDB ${value}`
          : `MySQL ${value}`;
  } finally {
    await client.close();
  }
}

export function describeMachine(databases: ReadonlyMap<DatabaseKind, string>): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    os: osName(),
    node: process.version,
    databases,
    loadAtStart: os.loadavg(),
  };
}
