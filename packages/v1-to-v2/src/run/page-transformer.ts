import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Row } from '@agno-migrate/core';
import type { MapContext } from '../map/types.js';
import type { TableJob } from './table-job.js';
import type { Page } from './transform-page.js';
import type { WorkerJob, WorkerReply, WorkerRequest } from './worker-protocol.js';
import { reviveBuffers } from './worker-protocol.js';

/** Transforms pages off the main thread, in the order they are given. */
export interface PageTransformer {
  transform(rows: Row[], lastKey: string | null): Promise<Page>;
  /** Stops the worker; safe to call on every exit path, more than once. */
  close(): Promise<void>;
}

// Next to the bundle (dist/index.js), built from transform-worker.ts. Run from the sources (the
// package's own tests) there is no such file, and pages are transformed on the main thread.
const WORKER_FILE = new URL('./transform-worker.js', import.meta.url);
let workerFileExists: boolean | undefined;
/**
 * A page's JSON decodes into many short-lived objects: a larger young generation than V8's default
 * collects them in fewer scavenges, and promotes fewer of them to the old generation.
 */
const YOUNG_GENERATION_MB = 48;

export function workerAvailable(): boolean {
  workerFileExists ??= existsSync(fileURLToPath(WORKER_FILE));
  return workerFileExists;
}

/**
 * A worker thread transforming one table's pages. Requests are answered in order, so a queue of
 * resolvers matches replies to them; the caller bounds how many pages are in flight. A worker that
 * fails or stops fails every page still awaited.
 */
export function workerTransformer(job: TableJob, ctx: MapContext): PageTransformer {
  const data: WorkerJob = { kind: job.kind, key: job.source.key, columns: job.spec.columns, newer: job.spec.newer, ctx };
  const worker = new Worker(WORKER_FILE, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const waiting: { resolve: (page: Page) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (reply: WorkerReply) => {
    const next = waiting.shift();
    if (!next) return;
    if ('error' in reply) {
      next.reject(new Error(`transforming a page failed: ${reply.error}`));
      return;
    }
    for (const write of reply.page.writes) reviveBuffers(write.values);
    next.resolve(reply.page);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the transform worker stopped (exit code ${code})`)));
  let closed: Promise<void> | null = null;
  return {
    transform(rows, lastKey) {
      if (failure) return Promise.reject(failure);
      return new Promise<Page>((resolve, reject) => {
        worker.postMessage({ rows, lastKey } satisfies WorkerRequest);
        waiting.push({ resolve, reject });
      });
    },
    close() {
      closed ??= worker.terminate().then(() => {});
      return closed;
    },
  };
}
