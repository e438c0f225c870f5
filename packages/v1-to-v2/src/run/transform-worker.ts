// The entry of the worker thread that transforms v1 pages on SQLite, whose driver writes on the
// main thread: JSON parsing, conversion, serialising and their garbage collection run here, beside
// the writes. Built to its own file next to the bundle (see page-transformer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { mapperFor } from './table-job.js';
import type { TransformJob } from './transform-page.js';
import { transformPage } from './transform-page.js';
import type { WorkerJob, WorkerReply, WorkerRequest } from './worker-protocol.js';
import { reviveBuffers } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('transform-worker.js runs only as a worker thread');
const spec = workerData as WorkerJob;
const job: TransformJob = {
  map: mapperFor(spec.kind),
  source: { key: spec.key },
  spec: spec.newer === undefined ? { columns: spec.columns } : { columns: spec.columns, newer: spec.newer },
};

port.on('message', (request: WorkerRequest) => {
  for (const row of request.rows) reviveBuffers(row);
  transformPage(job, request.rows, request.lastKey, spec.ctx, false).then(
    (page) => port.postMessage({ page } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply),
  );
});
