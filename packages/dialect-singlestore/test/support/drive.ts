import type { Db, QueryResult, Row } from '@agno-migrate/core';

export interface Driven<T> {
  readonly result?: T;
  readonly error?: unknown;
  readonly requests: { sql: string; params: readonly unknown[] }[];
  readonly sleeps: number[];
}

/** Drives a generator with canned answers, recording each request: the protocol, not a database. */
export function drive<T>(work: Db<T>, answers: (Row[] | QueryResult)[]): Driven<T> {
  const requests: { sql: string; params: readonly unknown[] }[] = [];
  const sleeps: number[] = [];
  let step = work.next();
  try {
    while (!step.done) {
      const request = step.value;
      if (request.type === 'sleep') {
        sleeps.push(request.ms);
        step = work.next(undefined);
        continue;
      }
      requests.push({ sql: request.sql, params: request.params });
      const answer = answers.shift() ?? [];
      const result: QueryResult = Array.isArray(answer) ? { rows: answer, affectedRows: 0 } : answer;
      step = work.next(result);
    }
    return { result: step.value, requests, sleeps };
  } catch (error) {
    return { error, requests, sleeps };
  }
}
