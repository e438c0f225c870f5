import type { TableHealth, TableVerification, VerifyResult } from '@agno-migrate/core';
import pc from 'picocolors';
import { renderTable } from './table.js';

const HEALTH_COLOUR: Record<TableHealth, (s: string) => string> = { ok: pc.green, drift: pc.red, absent: pc.yellow, newer: pc.cyan };

/** A health word as status and verify show it. */
export function healthText(health: TableHealth | undefined): string {
  return health === undefined ? '' : HEALTH_COLOUR[health](health);
}

function versionText(t: TableVerification): string {
  const version = t.recorded === null ? `${t.current} ${pc.dim('(no row)')}` : t.current;
  return t.pending.length > 0 ? `${version} ${pc.yellow(`(pending ${t.pending.join(', ')})`)}` : version;
}

/** One row per table, then one line per difference, each saying what to do. */
export function formatVerify(result: VerifyResult, display: string): string {
  const title = `verify · ${display} · latest ${result.latest}`;
  const table = renderTable(
    ['TABLE', 'TYPE', 'VERSION', 'HEALTH', 'DIFFERENCES'],
    result.tables.map((t) => [t.tableName, t.tableType, versionText(t), healthText(t.health), t.exists ? String(t.findings.length) : '-']),
  );
  const lines = result.tables.flatMap((t) => t.findings.map((f) => `${pc.red('✗')} ${t.tableName}: ${f.message}`));
  const pending = result.tables.some((t) => t.exists && t.pending.length > 0)
    ? [pc.dim('tables with pending steps are checked as `up` will leave them: run agno-migrate up')]
    : [];
  const verdict =
    result.status === 'ok'
      ? pc.green('every table matches the shape Agno expects at its recorded version')
      : pc.red(`${lines.length} difference${lines.length === 1 ? '' : 's'} found`);
  return [pc.bold(title), table, '', ...lines, ...(lines.length > 0 ? [''] : []), ...pending, verdict].join('\n');
}
