import type { Row } from '@agno-migrate/core';
import type { MapContext } from '../map/types.js';
import type { SourceKind } from '../report.js';
import type { Page } from './transform-page.js';

/** What the transform worker is started with: one table's job as plain data. */
export interface WorkerJob {
  readonly kind: SourceKind;
  readonly key: string;
  readonly columns: readonly string[];
  readonly newer: string | undefined;
  readonly ctx: MapContext;
}

export interface WorkerRequest {
  readonly rows: Row[];
  readonly lastKey: string | null;
}

export type WorkerReply = { readonly page: Page } | { readonly error: string };

/**
 * A message arrives with Buffers as plain Uint8Arrays (the structured clone drops the subclass);
 * the transform tells BLOB JSON from other values with Buffer.isBuffer, and the SQLite driver
 * binds only a Buffer as a BLOB, so each is made a Buffer again (a view, no copy).
 */
export function reviveBuffers(values: unknown[] | Record<string, unknown>): void {
  const record = values as Record<string, unknown>;
  // for…in rather than Object.entries: this runs for every row, and allocates nothing.
  for (const key in record) {
    const value = record[key];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) record[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
}
