import os from 'node:os';
import type { Machine } from './support/machine.js';
import type { BenchConfig } from './support/config.js';
import { table } from './support/markdown.js';

export function header(machine: Machine, config: BenchConfig, startedAt: Date): string {
  const load = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  return [
    '# agno-migrate benchmarks',
    '',
    `Written by \`pnpm bench\` on ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC. Every number is a median of repeated, interleaved runs measured in this one run, next to its baseline on the same database; ratios matter more than absolute times, which depend on the machine.`,
    '',
    table(
      ['machine', ''],
      [
        ['CPU', `${machine.cpu}, ${machine.cores} cores`],
        ['RAM', `${machine.ramGb} GB`],
        ['OS', machine.os],
        ['Node.js', machine.node],
        ...[...machine.databases].map(([, version]) => ['database', version]),
        ['load average (1/5/15 min) at start → end', `${load(machine.loadAtStart)} → ${load(os.loadavg())}`],
        [
          'scale',
          `upgrade: ${config.upgradeRows.toLocaleString('en-US')} rows per table; v1 → v2: ${config.v1Rows.toLocaleString('en-US')} sessions; memory at ${config.v1MemoryRows.toLocaleString('en-US')} and ${(config.v1MemoryRows * 4).toLocaleString('en-US')}`,
        ],
      ],
    ),
  ].join('\n');
}
