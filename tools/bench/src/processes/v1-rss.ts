// One v1 → v2 run in a process of its own, reporting the process's peak resident memory.
import { peerTargetFromArgv } from '../noop/peer-target.js';
import { dialectFor } from '../support/dialect-for.js';
import { runV1ToV2 } from '../v1/run-migration.js';

const target = peerTargetFromArgv(process.argv);
const table = process.argv[3];
if (!table) throw new Error('usage: node v1-rss.js <target json> <v1 table>');
const start = performance.now();
const counts = await runV1ToV2(await dialectFor(target), table);
// maxRSS is in kilobytes.
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ ...counts, seconds: (performance.now() - start) / 1000, peakRssBytes })}\n`);
