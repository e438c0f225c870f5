/** Rows per second over this run, and the time left at that rate. */
export class Meter {
  private readonly started = performance.now();
  private rows = 0;

  add(rows: number): void {
    this.rows += rows;
  }

  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  rate(): number {
    const seconds = this.seconds();
    return seconds > 0 ? this.rows / seconds : 0;
  }

  eta(remaining: number): number | null {
    const rate = this.rate();
    return rate > 0 ? Math.max(0, remaining) / rate : null;
  }
}
