import { expect } from 'vitest';
import type { ProcessRun } from './cli-process.js';

/** A user's mistake: exactly one line on stderr, no stack trace, the contract's exit code. */
export function expectOneErrorLine(run: ProcessRun, exitCode: number, message?: RegExp): void {
  const context = `stdout: ${run.stdout}\nstderr: ${run.stderr}`;
  expect(run.code, context).toBe(exitCode);
  expect(run.stderr.endsWith('\n'), context).toBe(true);
  expect(run.stderr.trimEnd().split('\n'), context).toHaveLength(1);
  expect(run.stderr, context).toMatch(/^error: /);
  expect(run.stderr + run.stdout, context).not.toMatch(/^\s+at /m);
  if (message) expect(run.stderr, context).toMatch(message);
}

/** A secret must be in no output at all: not raw, not %-encoded. */
export function expectNoSecret(run: ProcessRun, secret: string): void {
  for (const form of new Set([secret, encodeURIComponent(secret)])) {
    expect(run.stdout.includes(form), `stdout holds the password: ${run.stdout}`).toBe(false);
    expect(run.stderr.includes(form), `stderr holds the password: ${run.stderr}`).toBe(false);
  }
}

/** `--json`: stdout is exactly one JSON document. */
export function parseJsonDocument(run: ProcessRun): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\nstderr: ${run.stderr}`);
  }
}
