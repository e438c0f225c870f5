import { ConfigurationError, resolveTableType, tableTypeNames } from '@agno-migrate/core';

/** Edit distance, for "did you mean": small strings only. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest of `candidates`, when it is close enough to be the likely intent. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const v = value.trim().toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(v, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(v.length / 3)) ? best.name : undefined;
}

/** A mistyped --table-type: the known types, and the one it most likely meant. */
export function checkTableType(tableType: string | undefined): void {
  if (tableType === undefined) return;
  try {
    resolveTableType(tableType);
  } catch (error) {
    const names = tableTypeNames();
    const guess = closest(tableType, names);
    const hint = guess ? `did you mean ${guess}? ` : '';
    throw new ConfigurationError(
      `unknown table type ${JSON.stringify(tableType)}: ${hint}use one of ${names.join(', ')}`,
      { value: tableType },
      { cause: error },
    );
  }
}
