import { randomBytes } from 'node:crypto';
import { startContainer } from '../containers.js';
import type { ChildDialectModule, TestDatabase, TestTarget } from '../target.js';
import type { TargetTraits } from '../traits.js';
import { createMysqlFamilyDatabase, MYSQL_TRAITS, probeMysqlFamilyServer, withDatabase } from './mysql-family.js';
import type { MysqlFamilyDialectFactory } from './mysql-family.js';

export interface SinglestoreTargetOptions {
  /** Builds the dialect under test (test-infra does not depend on dialect packages). */
  readonly dialect: MysqlFamilyDialectFactory;
  /** Defaults to AGNO_TEST_SINGLESTORE_URL. */
  readonly url?: string;
  /** How a child process builds the dialect: the factory gets `{ url, schema }`. */
  readonly child?: ChildDialectModule;
}

/** SingleStore speaks MySQL's SQL, without foreign keys or unique keys beside the shard key. */
export const SINGLESTORE_TRAITS: TargetTraits = {
  ...MYSQL_TRAITS,
  enforcesForeignKeys: false,
  readsForeignKeys: false,
  uniqueKeys: false,
  // A run id is unique only within its session there.
  runsPrimaryKey: ['run_id', 'session_id'],
  // SingleStore's 2.2 key is uq_session_type (session_id, session_type): a second type repeats the id.
  repeatedSessionIn22: { dropKeySql: null, sessionType: 'team' },
};

const PROBE_TIMEOUT_MS = 5000;
const DEV_IMAGE = 'ghcr.io/singlestore-labs/singlestoredb-dev';

/**
 * A real SingleStore: AGNO_TEST_SINGLESTORE_URL (singlestore://user:password@host:port), else, when
 * Docker is there, the singlestoredb-dev image started for this run. There is no local server to
 * fall back on: without either, the target says why it cannot run.
 */
export function singlestoreTarget(options: SinglestoreTargetOptions): TestTarget {
  let resolved: Promise<string | null> | undefined;
  let probe: Promise<string | null> | undefined;
  const url = () => (resolved ??= resolveUrl(options.url));
  return {
    name: 'singlestore',
    traits: SINGLESTORE_TRAITS,
    unavailableReason: () =>
      (probe ??= url().then((u) =>
        u === null ? `AGNO_TEST_SINGLESTORE_URL is not set and no Docker engine is available to start ${DEV_IMAGE}` : probeServer(u),
      )),
    create: async () => {
      const u = await url();
      if (u === null) throw new Error('no SingleStore to test against: set AGNO_TEST_SINGLESTORE_URL');
      return createDatabase(u, options);
    },
  };
}

async function resolveUrl(explicit: string | undefined): Promise<string | null> {
  const given = explicit ?? process.env['AGNO_TEST_SINGLESTORE_URL'];
  if (given) return given;
  const password = `Agno-${randomBytes(6).toString('hex')}`;
  const container = await startContainer({
    image: DEV_IMAGE,
    port: 3306,
    env: { ROOT_PASSWORD: password },
    readyLog: /Configuring SingleStore nodes/,
  });
  if (!container) return null;
  const url = `singlestore://root:${password}@${container.host}:${container.port}`;
  // The log line comes before the root password is set: wait until a login works.
  for (let attempt = 0; attempt < 60 && (await probeServer(url)) !== null; attempt++) await new Promise((r) => setTimeout(r, 1000));
  return url;
}

function probeServer(url: string): Promise<string | null> {
  return probeMysqlFamilyServer(url, PROBE_TIMEOUT_MS);
}

/** A fresh database per test file, dropped on close (SingleStore: CREATE DATABASE allocates partitions). */
function createDatabase(url: string, options: SinglestoreTargetOptions): Promise<TestDatabase> {
  return createMysqlFamilyDatabase(url, options.dialect, {
    child: options.child,
    flavor: 'singlestore',
    createDatabaseSuffix: '',
    databaseUrl: (serverUrl, name) => withDatabase(serverUrl.replace(/^mysql:/i, 'singlestore:'), name),
    cliArgs: (databaseUrl) => ['--db', databaseUrl],
  });
}
