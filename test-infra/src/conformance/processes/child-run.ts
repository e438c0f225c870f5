import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '@agno-migrate/core';
import type { TestDatabase } from '../../target.js';

const SCRIPT = fileURLToPath(new URL('./run-manager.mjs', import.meta.url));

/** One run of the manager in a process of its own. */
export interface ChildRunRequest {
  readonly command?: 'up' | 'down';
  /** The run's options (tableType, targetVersion, force …): JSON. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** The manager's options (lockTimeoutMs, tables, versionsTable; `now` as ISO text): JSON. */
  readonly manager?: Readonly<Record<string, unknown>>;
  /** SIGKILL the process right after the database completed this statement. */
  readonly killAfter?: number;
  /** A hang becomes a failed assertion, not a stuck suite. */
  readonly timeoutMs?: number;
}

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** What a finished run printed: the statements the database completed and the result. */
  readonly output: { readonly statements: number; readonly result: RunResult } | undefined;
}

/** Runs the manager against `db` in a separate Node process, built from the target's child description. */
export function runInChild(db: TestDatabase, request: ChildRunRequest = {}): Promise<ChildRun> {
  const dialect = db.childDialect();
  if (!dialect) {
    return Promise.reject(new Error('the target declares no child dialect (its `child` option): processes cannot build the dialect'));
  }
  const module = dialect.module.startsWith('file:') ? fileURLToPath(dialect.module) : dialect.module;
  if (!existsSync(module)) return Promise.reject(new Error(`${module} does not exist: build the dialect package first (pnpm build)`));
  const spec = JSON.stringify({ ...request, dialect, timeoutMs: undefined });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, spec], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), request.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1);
      resolve({ code, signal, stderr, output: code === 0 && line ? JSON.parse(line) : undefined });
    });
  });
}

/** Processes run side by side, each on its own database; more would only queue on two cores. */
export const PARALLEL = 4;

/** Runs `job` over `items` with at most `limit` at once (two cores: more would only queue), in order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** For failure messages: how a process ended and what it said. */
export const describeChild = (run: ChildRun) =>
  `exit ${run.code ?? run.signal}${run.output ? ` (${run.output.result.status})` : ''}: ${run.stderr.trim().slice(0, 400)}`;

/** Every (table, step) a run applied. */
export const appliedSteps = (result: RunResult) => result.tables.flatMap((t) => t.steps.map((s) => `${t.tableName} ${s.from}→${s.to}`));
