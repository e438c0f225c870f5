import { stopRunningStatements } from '@agno-migrate/core';
import type { DialectKind } from './database-url.js';
import { reportError } from './errors.js';
import { knownSecrets } from './secrets.js';
import { writeStderr } from './output/standard-streams.js';

/** How long an interrupted run may take to unwind before the process exits anyway. */
const UNWIND_MS = 15_000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type HandledSignal = (typeof SIGNALS)[number];

/** The shell's convention for a process stopped by a signal: 128 + its number (130, 143). */
const exitCodeFor = (signal: HandledSignal) => (signal === 'SIGINT' ? 130 : 143);

function notice(kind: DialectKind, signal: HandledSignal): string {
  const what =
    kind === 'postgres'
      ? 'the statement in flight is cancelled and its transaction rolled back (finished steps and batches stay); the lock is released'
      : 'the statement in flight is cancelled (DDL already run stays: MySQL commits each statement; running the command again finishes the step); the lock is released';
  return `agno-migrate: ${signal} received, stopping: ${what}\n`;
}

/**
 * Runs a command that works on a database server so that SIGINT or SIGTERM stop it cleanly: no
 * further statement is sent, the one in flight is cancelled on the server (PostgreSQL's cancel
 * request, MySQL's KILL QUERY from a second connection), the run unwinds through its error path
 * and closes its connection (rolling back what was in flight, releasing its lock), then the
 * process exits 130 (SIGINT) or 143 (SIGTERM). A second signal, or an unwind that takes longer
 * than 15 s, exits at once. SQLite is left to the default: its driver blocks the process while a
 * statement runs, and a killed process loses nothing (the journal rolls the transaction back).
 */
export async function interruptible(kind: DialectKind, json: boolean, body: () => Promise<number>, hint?: string): Promise<number> {
  if (kind === 'sqlite') return hint === undefined ? body() : withHintOnly(hint, body);
  let received: HandledSignal | null = null;
  const onSignal = (signal: HandledSignal) => {
    if (received) process.exit(exitCodeFor(received));
    received = signal;
    writeStderr(notice(kind, signal) + (hint === undefined ? '' : `${hint}\n`));
    setTimeout(() => process.exit(exitCodeFor(signal)), UNWIND_MS).unref();
    void stopRunningStatements();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    const code = await body();
    return received ? exitCodeFor(received) : code;
  } catch (error) {
    if (!received) throw error;
    reportError(error, json, knownSecrets(process.argv.slice(2)));
    return exitCodeFor(received);
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}

/** SQLite: nothing to cancel on a server; a signal only says what the command leaves behind, then exits. */
async function withHintOnly(hint: string, body: () => Promise<number>): Promise<number> {
  const onSignal = (signal: HandledSignal) => {
    writeStderr(`\n${hint}\n`);
    process.exit(exitCodeFor(signal));
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    return await body();
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}
