import { DatabaseError } from '../errors.js';
import type { ErrorTranslator } from './dialect.js';

/** Defaults for every error translator: core's own errors pass through, the rest become DatabaseError. */
export class BaseErrors implements ErrorTranslator {
  constructor(
    /** How messages name the database. */
    protected readonly product: string,
  ) {}

  translate(error: unknown): Error {
    if (error instanceof Error && 'exitCode' in error) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new DatabaseError(`${this.product}: ${message}`, { kind: 'other' }, { cause: error });
  }

  isUndefinedTable(_error: unknown): boolean {
    return false;
  }
}
