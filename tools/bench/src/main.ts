import { writeFileSync } from 'node:fs';
import type { NoopResult } from './noop/part.js';
import { benchNoop } from './noop/part.js';
import { noopSection } from './noop/report.js';
import type { UpgradeResult } from './upgrade/part.js';
import { benchUpgrade } from './upgrade/part.js';
import { upgradeSection } from './upgrade/report.js';
import type { V1Result } from './v1/part.js';
import { benchV1 } from './v1/part.js';
import { v1Section } from './v1/report.js';
import { header } from './report.js';
import type { RunsResult } from './runs/part.js';
import { benchRuns } from './runs/part.js';
import { runsSection } from './runs/report.js';
import type { DatabaseKind } from './support/config.js';
import { readConfig } from './support/config.js';
import { createBenchDatabase, LABELS, serverLocation, unavailableReason } from './support/databases.js';
import type { BenchDatabase } from './support/databases.js';
import { databaseVersion, describeMachine } from './support/machine.js';
import { DEFAULT_REPORT } from './support/paths.js';

const began = performance.now();
const log = (line: string) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function withDatabase<T>(kind: DatabaseKind, body: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase(kind);
  try {
    return await body(db);
  } finally {
    await db.drop();
  }
}

async function main(): Promise<void> {
  const config = readConfig(DEFAULT_REPORT);
  const startedAt = new Date();
  const kinds: DatabaseKind[] = [];
  const missing: string[] = [];
  const versions = new Map<DatabaseKind, string>();
  for (const kind of config.databases) {
    const reason = await unavailableReason(kind);
    if (reason) {
      missing.push(`- **${LABELS[kind]} not measured**: ${reason}`);
      log(`*** ${LABELS[kind]} skipped: ${reason}`);
      continue;
    }
    kinds.push(kind);
    versions.set(kind, await databaseVersion(serverLocation(kind)));
  }
  const machine = describeMachine(versions);
  const sections: string[] = [];

  if (config.parts.has('noop')) {
    const results: NoopResult[] = [];
    for (const kind of kinds) {
      log(`nothing to do · ${LABELS[kind]}`);
      results.push(await withDatabase(kind, (db) => benchNoop(db, config, log)));
    }
    sections.push(noopSection(results, { process: config.processReps, inProcess: config.inProcessReps }));
  }

  if (config.parts.has('upgrade')) {
    const results: UpgradeResult[] = [];
    for (const kind of kinds) {
      log(`upgrade of big tables · ${LABELS[kind]}`);
      results.push(await withDatabase(kind, (db) => benchUpgrade(db, config, log)));
    }
    sections.push(upgradeSection(results));
  }

  if (config.parts.has('v1')) {
    const results: V1Result[] = [];
    for (const kind of kinds) {
      log(`v1 → v2 · ${LABELS[kind]}`);
      results.push(await withDatabase(kind, (db) => benchV1(db, config, log)));
    }
    sections.push(v1Section(results, config.v1Reps));
  }

  if (config.parts.has('runs')) {
    const results: RunsResult[] = [];
    for (const kind of kinds) {
      log(`runs copy · ${LABELS[kind]}`);
      results.push(await withDatabase(kind, (db) => benchRuns(db, config, log)));
    }
    sections.push(runsSection(results, config.runsReps));
  }

  const report = `${[header(machine, config, startedAt), ...(missing.length > 0 ? [missing.join('\n')] : []), ...sections].join('\n\n')}\n`;
  process.stdout.write(report);
  writeFileSync(config.reportPath, report);
  log(`report written to ${config.reportPath} in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`);
}

await main();
