import type { TableResult } from '@agno-migrate/core';
import type { Colors } from './colors.js';

/**
 * What a data task counted, one line per task: numbers as they are, id lists by their length
 * (the ids are in --json). Empty lists are left out so the line says what happened.
 */
export function taskReportLines(t: TableResult, c: Colors): string[] {
  const lines: string[] = [];
  for (const op of t.steps.flatMap((s) => s.operations)) {
    if (!op.report) continue;
    const parts = Object.entries(op.report).flatMap(([key, value]) => {
      if (typeof value === 'number') return [`${key}=${value}`];
      if (Array.isArray(value)) return value.length > 0 ? [`${key}=${value.length}`] : [];
      return [];
    });
    lines.push(c.dim(`${t.tableName}: ${op.description}: ${parts.join(' ')}`));
  }
  return lines;
}
