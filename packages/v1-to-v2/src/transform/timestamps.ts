/** `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]` with an optional zone: how SQLite and drivers spell datetimes. */
const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch seconds from what a v1 column holds: BIGINT epochs (numbers, or strings from pg), or
 * datetimes (Date objects, or text on SQLite). A datetime without a zone is UTC, as in Agno.
 * Anything unreadable is null.
 */
export function toEpochSeconds(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : Math.floor(value.getTime() / 1000);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.floor(Number(text));
  const match = DATETIME.exec(text);
  if (!match) return null;
  const [, date, time = '00:00:00', zone] = match;
  const offset = zone === undefined ? 'Z' : zone.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(zone);
  const ms = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}${offset}`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function normaliseOffset(zone: string): string {
  const digits = zone.replace(':', '');
  return digits.length === 3 ? `${digits}:00` : `${digits.slice(0, 3)}:${digits.slice(3)}`;
}
