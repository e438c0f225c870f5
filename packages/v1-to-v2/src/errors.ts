import { AgnoMigrateError } from '@agno-migrate/core';
import type { V1MigrationReport } from './report.js';

/**
 * A v1 → v2 run stopped: the message names the table and the row, `report` says how far every
 * table got (and the progress table where the next run continues).
 */
export class V1MigrationError extends AgnoMigrateError {
  readonly code = 'v1-to-v2';
  readonly exitCode = 1;
  readonly report: V1MigrationReport;

  constructor(message: string, report: V1MigrationReport, options?: { cause?: unknown }) {
    super(message, { table: report.error?.table, key: report.error?.key }, options);
    this.report = report;
  }
}
