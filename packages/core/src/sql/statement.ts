/** One SQL statement with its parameters, kept apart so values are never spliced into SQL text. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export function sql(text: string, params: readonly unknown[] = []): Statement {
  return { sql: text, params };
}
