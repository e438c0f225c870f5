import type { RunResult, StatusResult, TableResult, TableStatus } from '@agno-migrate/core';
import type { Colors } from './colors.js';
import { stdoutColors } from './colors.js';
import { durationOf, formatDuration } from './durations.js';
import { notOnDialect } from './not-on-dialect.js';
import type { DialectNames } from './not-on-dialect.js';
import { renderTable } from './table.js';
import { healthText } from './verify-report.js';
import { taskReportLines } from './task-report.js';

/** What the header of every report names: the database (password-free) and its schema. */
export interface ReportTarget extends DialectNames {
  readonly display: string;
  readonly schema: string | undefined;
}

type Paint = keyof Pick<Colors, 'green' | 'dim' | 'yellow' | 'red' | 'cyan'>;
const OUTCOME_COLOUR: Record<string, Paint> = {
  migrated: 'green',
  created: 'green',
  'up-to-date': 'dim',
  exists: 'dim',
  absent: 'yellow',
  'not-on-dialect': 'dim',
  blocked: 'red',
  failed: 'red',
  'not-run': 'yellow',
  held: 'yellow',
  newer: 'cyan',
};

export function headerTarget(target: ReportTarget): string {
  return target.schema === undefined ? target.display : `${target.display} · schema ${target.schema}`;
}

function outcomeText(t: TableResult, dryRun: boolean, c: Colors): string {
  const statements = t.steps.flatMap((s) => s.operations).reduce((n, o) => n + o.statements.length, 0);
  let text: string = t.outcome;
  if (dryRun && (t.outcome === 'migrated' || t.outcome === 'created')) text = `would be ${t.outcome}`;
  if (t.outcome === 'migrated' || t.outcome === 'created') text += ` (${statements} statement${statements === 1 ? '' : 's'})`;
  const paint = OUTCOME_COLOUR[t.outcome];
  return paint ? c[paint](text) : text;
}

export function formatRun(result: RunResult, target: ReportTarget, c: Colors = stdoutColors()): string {
  const title = `${result.command}${result.dryRun ? ' (dry run)' : ''} · ${headerTarget(target)} · target ${result.targetVersion}`;
  const timed = !result.dryRun;
  const table = renderTable(
    ['TABLE', 'TYPE', 'FROM', 'TO', ...(timed ? ['TIME'] : []), 'RESULT'],
    result.tables.map((t) => [
      t.tableName,
      t.tableType,
      t.from,
      t.to,
      ...(timed ? [formatDuration(durationOf(t))] : []),
      outcomeText(notOnDialectResult(t, target), result.dryRun, c),
    ]),
    c,
  );
  const steps = timed
    ? result.tables
        .filter((t) => t.outcome !== 'created')
        .flatMap((t) =>
          t.steps.map((s) => c.dim(`  ${t.tableName}: ${s.direction} ${s.from} → ${s.to} · ${formatDuration(durationOf(s))}`)),
        )
    : [];
  const notes = result.tables.flatMap((t) => notesFor(t, target, c));
  return [c.bold(title), table, ...(steps.length > 0 ? ['', ...steps] : []), ...notes].join('\n');
}

/** A missing table Agno never creates on this database reads the same in status, up and init. */
function notOnDialectResult(t: TableResult, target: DialectNames): TableResult {
  return t.outcome === 'absent' && notOnDialect(t.tableType, target) !== undefined ? { ...t, outcome: 'not-on-dialect' } : t;
}

function notesFor(t: TableResult, target: DialectNames, c: Colors): string[] {
  return [...taskReportLines(t, c), ...outcomeNotes(t, target, c)];
}

function outcomeNotes(t: TableResult, target: DialectNames, c: Colors): string[] {
  if (t.outcome === 'blocked' && t.blocked?.check === 'irreversible') {
    return ['', c.red(`${t.tableName} cannot go down: ${t.blocked.message}.`), `It stays at ${t.to}; the other tables were reverted.`];
  }
  if (t.outcome === 'blocked' && t.blocked) {
    const b = t.blocked;
    // A revert that would lose data is not a data error: the way through is --force.
    const next =
      b.check === 'no-data'
        ? `It stays at ${t.to}; the other tables were reverted. Keep the values elsewhere, or run down again with --force to drop them:`
        : `It was not stamped past ${t.to}; the other tables were migrated. Fix the data, then run up again:`;
    return ['', c.red(`${t.tableName} is blocked: ${b.message}.`), next, b.fixSql];
  }
  if (t.outcome === 'failed') return ['', c.red(`${t.tableName} failed: ${t.error?.message ?? 'unknown error'}`)];
  const elsewhere = notOnDialect(t.tableType, target);
  if ((t.outcome === 'absent' || t.outcome === 'not-on-dialect') && elsewhere) return [c.dim(`${t.tableName}: ${elsewhere}`)];
  if (t.outcome === 'absent' && t.reason) return [c.yellow(`${t.reason}; use init or up --create-missing to create it`)];
  if (t.outcome === 'newer' && t.reason) return [c.cyan(t.reason)];
  if (t.held) return [c.yellow(`${t.tableName} stays at ${t.held.at}: ${t.held.reason}`)];
  return [];
}

function pendingText(t: TableStatus, c: Colors): string {
  if (t.health === 'newer') return c.cyan('newer than this tool');
  const held = t.held ? c.yellow(`held at ${t.held.at}`) : '';
  if (t.pending.length === 0) return held || c.green('up to date');
  return [c.yellow(t.pending.join(', ')), held].filter(Boolean).join(' ');
}

export function formatStatus(status: StatusResult, target: ReportTarget, c: Colors = stdoutColors()): string {
  const title = `status · ${headerTarget(target)} · latest ${status.latest}`;
  const elsewhere = (t: TableStatus) => (!t.exists ? notOnDialect(t.tableType, target) : undefined);
  const table = renderTable(
    ['TABLE', 'TYPE', 'EXISTS', 'VERSION', 'PENDING', 'HEALTH'],
    status.tables.map((t) => [
      t.tableName,
      t.tableType,
      t.exists ? 'yes' : c.yellow('no'),
      t.recorded === null ? `${t.current} ${c.dim('(no row)')}` : t.current,
      elsewhere(t) ? c.dim('-') : pendingText(t, c),
      elsewhere(t) ? c.dim('not-on-dialect') : healthText(t.health, c),
    ]),
    c,
  );
  const notes = status.tables.flatMap((t) => (elsewhere(t) ? [c.dim(`\n${t.tableName}: ${elsewhere(t)}`)] : []));
  const versions = status.versionsTable.exists
    ? ''
    : c.dim(`\n${status.versionsTable.name} does not exist yet: every table reads as 2.0.0`);
  const held = status.tables
    .flatMap((t) => (t.held && t.exists ? [c.dim(`\n${t.tableName} stays at ${t.held.at}: ${t.held.reason}`)] : []))
    .join('');
  const newer = status.tables.some((t) => t.health === 'newer')
    ? c.cyan('\nsome tables are stamped by a newer Agno: agno-migrate leaves them untouched; upgrade it to migrate them')
    : '';
  const notices = status.tables
    .flatMap((t) => (t.notices ?? []).map((n) => c.yellow(`\n${target.display}: ${t.tableName}: ${n}`)))
    .join('');
  const drift = status.tables.some((t) => t.health === 'drift')
    ? c.red('\nsome tables differ from what Agno expects: run agno-migrate verify for each difference and its fix')
    : '';
  return [c.bold(title), table].join('\n') + notes.join('') + versions + held + newer + notices + drift;
}
