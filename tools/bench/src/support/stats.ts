export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Contender {
  readonly name: string;
  /** Untimed work before each run (a fresh copy of the data, say). */
  prepare?(): Promise<void>;
  run(): Promise<void>;
}

export interface InterleaveOptions {
  readonly reps: number;
  readonly warmup: number;
}

/**
 * Runs the contenders round-robin, each round starting with the next contender, so drift in the
 * machine's load and order effects (caches warmed by the one before) fall on all of them alike.
 * Returns each contender's timed runs in milliseconds; warm-up rounds are discarded.
 */
export async function interleave(contenders: readonly Contender[], options: InterleaveOptions): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = -options.warmup; round < options.reps; round++) {
    const offset = ((round % contenders.length) + contenders.length) % contenders.length;
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(i + offset) % contenders.length]!;
      await contender.prepare?.();
      const start = performance.now();
      await contender.run();
      const elapsed = performance.now() - start;
      if (round >= 0) times.get(contender.name)!.push(elapsed);
    }
  }
  return times;
}

export function medians(times: ReadonlyMap<string, number[]>): Map<string, number> {
  return new Map([...times].map(([name, values]) => [name, median(values)]));
}
