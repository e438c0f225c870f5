/** Agno's report buckets, in its order: each holds the old learning ids of the rows it counts. */
export const BUCKETS = [
  'rekeyed',
  'merged',
  'quarantined',
  'contaminated',
  'contaminated_keyed',
  'unowned',
  'malformed',
  'conflicts',
  'failed',
  'purged',
] as const;
export type ReportBucket = (typeof BUCKETS)[number];

export interface RekeyReport {
  readonly scanned: number;
  /** Rows already on a per-user key: a count, not a list (usually most of the table). */
  readonly keyed: number;
  readonly dry_run: boolean;
  readonly rekeyed: readonly string[];
  readonly merged: readonly string[];
  readonly quarantined: readonly string[];
  readonly contaminated: readonly string[];
  readonly contaminated_keyed: readonly string[];
  readonly unowned: readonly string[];
  readonly malformed: readonly string[];
  readonly conflicts: readonly string[];
  readonly failed: readonly string[];
  readonly purged: readonly string[];
}

export class ReportBuilder {
  scanned = 0;
  keyed = 0;
  private readonly lists = Object.fromEntries(BUCKETS.map((b) => [b, [] as string[]])) as Record<ReportBucket, string[]>;

  add(bucket: ReportBucket, id: string): void {
    this.lists[bucket].push(id);
  }

  build(dryRun: boolean): RekeyReport {
    return { scanned: this.scanned, keyed: this.keyed, dry_run: dryRun, ...this.lists };
  }
}

/** The step wrote something: Agno's test for whether the re-key "applied". */
export function wroteSomething(report: RekeyReport): boolean {
  return report.rekeyed.length > 0 || report.merged.length > 0 || report.quarantined.length > 0 || report.purged.length > 0;
}

/** Agno's one log line: `scanned=… keyed=… rekeyed=… … dry_run=…`. */
export function reportLine(report: RekeyReport): string {
  const counts = BUCKETS.map((b) => `${b}=${report[b].length}`).join(' ');
  return `scanned=${report.scanned} keyed=${report.keyed} ${counts} dry_run=${report.dry_run ? 'True' : 'False'}`;
}

/** Buckets a person has to act on, and why (Agno's migration warns about these). */
export const NEEDS_AN_OPERATOR: Readonly<Partial<Record<ReportBucket, string>>> = {
  conflicts: 'have a row on the target key whose content does not parse',
  failed: 'could not be moved',
  malformed: 'are missing the entity columns or do not parse',
  unowned: "have no owner: no user's erasure reaches them (purge them with --purge-unrecoverable)",
  contaminated_keyed: 'record a user other than their owner and were left in place',
};
