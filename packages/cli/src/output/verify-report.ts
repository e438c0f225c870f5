import type { Finding, TableHealth, TableVerification, VerifyResult } from '@agno-migrate/core';
import type { Colors } from './colors.js';
import { stdoutColors } from './colors.js';
import type { ReportTarget } from './human.js';
import { headerTarget } from './human.js';
import { renderTable } from './table.js';

const HEALTH_COLOUR: Record<TableHealth, 'green' | 'red' | 'yellow' | 'cyan'> = {
  ok: 'green',
  drift: 'red',
  absent: 'yellow',
  newer: 'cyan',
};

/** A health word as status and verify show it. */
export function healthText(health: TableHealth | undefined, c: Colors = stdoutColors()): string {
  return health === undefined ? '' : c[HEALTH_COLOUR[health]](health);
}

function versionText(t: TableVerification, pc: Colors): string {
  const version = t.recorded === null ? `${t.current} ${pc.dim('(no row)')}` : t.current;
  return t.pending.length > 0 ? `${version} ${pc.yellow(`(pending ${t.pending.join(', ')})`)}` : version;
}

/**
 * What to do about a difference. A missing step is re-applied by a command of this CLI, which core
 * does not spell: it is written with the user's own connection options, so it runs where verify ran.
 */
function findingText(f: Finding, rerun: readonly string[]): string {
  if (f.fix.kind !== 'force-up') return f.message;
  const command = ['agno-migrate', 'up', '--force', '--table-type', f.fix.tableType, ...rerun].join(' ');
  return `${f.what}: step ${f.fix.step} is not applied here; run \`${command}\``;
}

/** One row per table, then one line per difference, each saying what to do. */
export function formatVerify(
  result: VerifyResult,
  target: ReportTarget,
  rerun: readonly string[] = [],
  pc: Colors = stdoutColors(),
): string {
  const title = `verify · ${headerTarget(target)} · latest ${result.latest}`;
  const table = renderTable(
    ['TABLE', 'TYPE', 'VERSION', 'HEALTH', 'DIFFERENCES'],
    result.tables.map((t) => [
      t.tableName,
      t.tableType,
      versionText(t, pc),
      healthText(t.health, pc),
      t.exists ? String(t.findings.length) : '-',
    ]),
    pc,
  );
  const lines = result.tables.flatMap((t) => t.findings.map((f) => `${pc.red('✗')} ${t.tableName}: ${findingText(f, rerun)}`));
  const pending = result.tables.some((t) => t.exists && t.pending.length > 0)
    ? [pc.dim('tables with pending steps are checked as `up` will leave them: run agno-migrate up')]
    : [];
  const verdict =
    result.status === 'ok'
      ? pc.green('every table matches the shape Agno expects at its recorded version')
      : pc.red(`${lines.length} difference${lines.length === 1 ? '' : 's'} found`);
  return [pc.bold(title), table, '', ...lines, ...(lines.length > 0 ? [''] : []), ...pending, verdict].join('\n');
}
