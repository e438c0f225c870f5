// The sessions 3.0.0 runs copy in a process of its own, reporting the process's peak resident memory.
import { MigrationManager } from '@agno-migrate/core';
import { peerTargetFromArgv } from '../noop/peer-target.js';
import { dialectFor } from '../support/dialect-for.js';

const manager = new MigrationManager(await dialectFor(peerTargetFromArgv(process.argv)));
const result = await manager.up({ tableType: 'sessions' });
await manager.close();
const copied = result.tables[0]?.steps.flatMap((s) => s.operations).find((o) => o.report)?.report?.['copied'];
// maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ copied, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
