import type { TableReport, V1MigrationReport } from '@agno-migrate/v1-to-v2';
import type { Colors } from './colors.js';
import { stdoutColors } from './colors.js';
import type { ReportTarget } from './human.js';
import { headerTarget } from './human.js';
import { renderTable } from './table.js';

const number = (n: number) => n.toLocaleString('en-US');

function resultText(t: TableReport, dryRun: boolean, pc: Colors): string {
  if (t.status === 'failed') return pc.red('failed');
  if (t.status === 'not-run') return pc.yellow('not run');
  const text = dryRun
    ? 'would be copied'
    : t.alreadyDone
      ? 'done (in the run resumed)'
      : t.resumed
        ? `done (resumed after ${number(t.resumed.rowsBefore)})`
        : 'done';
  return pc.green(text);
}

function notes(report: V1MigrationReport, pc: Colors): string[] {
  const out: string[] = [];
  for (const t of report.tables) {
    for (const [reason, { count, examples }] of Object.entries(t.skippedReasons)) {
      const shown = examples.filter((e) => e !== null).map((e) => JSON.stringify(e));
      out.push(pc.yellow(`${t.source}: ${number(count)} skipped, ${reason}${shown.length > 0 ? ` (e.g. ${shown.join(', ')})` : ''}`));
    }
    for (const [reason, { count, examples }] of Object.entries(t.keptReasons)) {
      const shown = examples.filter((e) => e !== null).map((e) => JSON.stringify(e));
      out.push(pc.dim(`${t.target}: ${number(count)} kept as they are, ${reason}${shown.length > 0 ? ` (e.g. ${shown.join(', ')})` : ''}`));
    }
    if (t.runsDropped > 0)
      out.push(
        pc.dim(`${t.source}: ${number(t.runsDropped)} run(s) left out, v2 cannot load them (not an object, or no agent_id/team_id)`),
      );
  }
  for (const target of report.targets) {
    if (target.outcome === 'created') out.push(pc.dim(`created ${target.table} at version ${target.version} and stamped it`));
    if (target.outcome === 'missing')
      out.push(pc.dim(`${target.table} does not exist: a real run creates it at version ${target.version}`));
  }
  // Sessions are written as Agno 2.x keeps them; `up` moves their runs into Agno 3.0's runs table.
  const older = report.targets.filter((t) => t.tableType === 'sessions');
  if (older.length > 0 && report.status === 'ok' && !report.dryRun) {
    out.push(
      pc.dim(`next: agno-migrate up brings ${older.map((t) => t.table).join(', ')} from ${older[0]!.version} to the latest version`),
    );
  }
  return out;
}

/** The v1-to-v2 report as a table, one row per v1 table, then what was skipped and why. */
export function formatV1Report(report: V1MigrationReport, target: ReportTarget, pc: Colors = stdoutColors()): string {
  const title = `v1-to-v2${report.dryRun ? ' (dry run: nothing written)' : ''} · ${headerTarget(target)}`;
  const written = report.dryRun ? 'WOULD WRITE' : 'WRITTEN';
  const table = renderTable(
    ['SOURCE', 'TARGET', 'READ', written, 'INSERTED', 'UPDATED', 'KEPT', 'SKIPPED', 'RESULT'],
    report.tables.map((t) => [
      t.source,
      t.target,
      number(t.read),
      number(t.written),
      number(t.inserted),
      number(t.updated),
      number(t.kept),
      number(t.skipped),
      resultText(t, report.dryRun, pc),
    ]),
    pc,
  );
  const totals = `total: ${number(report.totals.read)} read, ${number(report.totals.written)} ${report.dryRun ? 'would be written' : 'written'}, ${number(report.totals.kept)} kept, ${number(report.totals.skipped)} skipped`;
  const extra = notes(report, pc);
  return [pc.bold(title), table, totals, ...(extra.length > 0 ? ['', ...extra] : [])].join('\n');
}
