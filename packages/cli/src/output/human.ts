import type { RunResult, StatusResult, TableResult } from '@agno-migrate/core';
import pc from 'picocolors';
import { renderTable } from './table.js';
import { healthText } from './verify-report.js';
import { taskReportLines } from './task-report.js';

const OUTCOME_COLOUR: Record<string, (s: string) => string> = {
  migrated: pc.green,
  created: pc.green,
  'up-to-date': pc.dim,
  exists: pc.dim,
  absent: pc.yellow,
  'not-on-dialect': pc.dim,
  blocked: pc.red,
  failed: pc.red,
  'not-run': pc.yellow,
  held: pc.yellow,
  newer: pc.cyan,
};

function outcomeText(t: TableResult, dryRun: boolean): string {
  const statements = t.steps.flatMap((s) => s.operations).reduce((n, o) => n + o.statements.length, 0);
  let text: string = t.outcome;
  if (dryRun && (t.outcome === 'migrated' || t.outcome === 'created')) text = `would be ${t.outcome}`;
  if (t.outcome === 'migrated' || t.outcome === 'created') text += ` (${statements} statement${statements === 1 ? '' : 's'})`;
  return (OUTCOME_COLOUR[t.outcome] ?? ((s: string) => s))(text);
}

export function formatRun(result: RunResult, display: string): string {
  const title = `${result.command}${result.dryRun ? ' (dry run)' : ''} · ${display} · target ${result.targetVersion}`;
  const table = renderTable(
    ['TABLE', 'TYPE', 'FROM', 'TO', 'RESULT'],
    result.tables.map((t) => [t.tableName, t.tableType, t.from, t.to, outcomeText(t, result.dryRun)]),
  );
  const notes = result.tables.flatMap((t) => notesFor(t));
  return [pc.bold(title), table, ...notes].join('\n');
}

function notesFor(t: TableResult): string[] {
  return [...taskReportLines(t), ...outcomeNotes(t)];
}

function outcomeNotes(t: TableResult): string[] {
  if (t.outcome === 'blocked' && t.blocked?.check === 'irreversible') {
    return ['', pc.red(`${t.tableName} cannot go down: ${t.blocked.message}.`), `It stays at ${t.to}; the other tables were reverted.`];
  }
  if (t.outcome === 'blocked' && t.blocked) {
    const b = t.blocked;
    return [
      '',
      pc.red(`${t.tableName} is blocked: ${b.message}.`),
      `It was not stamped past ${t.to}; the other tables were migrated. Fix the data, then run up again:`,
      b.fixSql,
    ];
  }
  if (t.outcome === 'failed') return ['', pc.red(`${t.tableName} failed: ${t.error?.message ?? 'unknown error'}`)];
  if (t.outcome === 'absent' && t.reason) return [pc.yellow(`${t.reason}; use init or up --create-missing to create it`)];
  if (t.outcome === 'newer' && t.reason) return [pc.cyan(t.reason)];
  if (t.held) return [pc.yellow(`${t.tableName} stays at ${t.held.at}: ${t.held.reason}`)];
  return [];
}

/** The SQL a dry run would execute, table by table and step by step. */
export function formatDryRunSql(result: RunResult): string {
  const out: string[] = [];
  for (const t of result.tables) {
    if (t.steps.length === 0) continue;
    out.push(`-- ${t.tableName} (${t.tableType}): ${t.from} → ${t.to}`);
    for (const step of t.steps) {
      out.push(`-- step ${step.from} → ${step.to}`);
      for (const op of step.operations) {
        if (!op.needed) {
          out.push(`--   ${op.description}: already done`);
          continue;
        }
        for (const s of op.statements) {
          const params = s.params.length > 0 ? ` -- params: ${JSON.stringify(s.params)}` : '';
          out.push(`${s.sql};${params}`);
        }
      }
    }
    out.push('');
  }
  return out.length === 0 ? '-- nothing to do' : out.join('\n').trimEnd();
}

function pendingText(t: StatusResult['tables'][number]): string {
  if (t.health === 'newer') return pc.cyan('newer than this tool');
  const held = t.held ? pc.yellow(`held at ${t.held.at}`) : '';
  if (t.pending.length === 0) return held || pc.green('up to date');
  return [pc.yellow(t.pending.join(', ')), held].filter(Boolean).join(' ');
}

export function formatStatus(status: StatusResult, display: string): string {
  const title = `status · ${display} · latest ${status.latest}`;
  const table = renderTable(
    ['TABLE', 'TYPE', 'EXISTS', 'VERSION', 'PENDING', 'HEALTH'],
    status.tables.map((t) => [
      t.tableName,
      t.tableType,
      t.exists ? 'yes' : pc.yellow('no'),
      t.recorded === null ? `${t.current} ${pc.dim('(no row)')}` : t.current,
      pendingText(t),
      healthText(t.health),
    ]),
  );
  const versions = status.versionsTable.exists ? '' : pc.dim(`\n${status.versionsTable.name} does not exist yet: every table reads as 2.0.0`);
  const held = status.tables.flatMap((t) => (t.held && t.exists ? [pc.dim(`\n${t.tableName} stays at ${t.held.at}: ${t.held.reason}`)] : [])).join('');
  const newer = status.tables.some((t) => t.health === 'newer') ? pc.cyan('\nsome tables are stamped by a newer Agno: agno-migrate leaves them untouched; upgrade it to migrate them') : '';
  const notices = status.tables.flatMap((t) => (t.notices ?? []).map((n) => pc.yellow(`\n${display}: ${t.tableName}: ${n}`))).join('');
  const drift = status.tables.some((t) => t.health === 'drift') ? pc.red('\nsome tables differ from what Agno expects: run agno-migrate verify for each difference and its fix') : '';
  return [pc.bold(title), table].join('\n') + versions + held + newer + notices + drift;
}
