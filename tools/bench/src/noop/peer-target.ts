import type { DatabaseKind } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';

/** Where a peer tool runs its no-op: passed to the child-process scripts as one JSON argument. */
export interface PeerTarget {
  readonly kind: DatabaseKind;
  /** A file path for SQLite, a URL otherwise (for MariaDB the URL names the bench's database). */
  readonly location: string;
  /** The PostgreSQL schema of the bench. */
  readonly schema?: string;
}

export function peerTargetOf(db: BenchDatabase): PeerTarget {
  return { kind: db.kind, location: db.raw.location, ...(db.kind === 'postgres' && db.namespace ? { schema: db.namespace } : {}) };
}

export function peerTargetFromArgv(argv: readonly string[]): PeerTarget {
  const raw = argv[2];
  if (!raw) throw new Error('usage: node <script> \'{"kind":"sqlite","location":"/tmp/x.db"}\'');
  return JSON.parse(raw) as PeerTarget;
}
