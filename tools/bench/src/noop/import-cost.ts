import { spawnSync } from 'node:child_process';
import type { DatabaseKind } from '../support/config.js';
import { benchScript } from '../support/paths.js';
import { median } from '../support/stats.js';

export const LAYERS = ['start', 'core', 'cli', 'dialect', 'driver'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Median load time of each layer of the CLI in fresh processes: `start` is the time from process
 * start to the first line of the script, the others are each import on top of the ones before.
 */
export function importCosts(kind: DatabaseKind, reps: number): Map<Layer, number> {
  const samples = new Map<Layer, number[]>(LAYERS.map((l) => [l, []]));
  for (let i = 0; i < reps; i++) {
    const child = spawnSync(process.execPath, [benchScript('processes/import-cost.js'), kind], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`import-cost failed: ${child.stderr.trim().slice(0, 300)}`);
    const marks = JSON.parse(child.stdout) as Record<Layer, number>;
    for (const layer of LAYERS) samples.get(layer)!.push(marks[layer]);
  }
  return new Map([...samples].map(([layer, values]) => [layer, median(values)]));
}
