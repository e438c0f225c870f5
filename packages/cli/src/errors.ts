import { AgnoMigrateError, MigrationStepError } from '@agno-migrate/core';
import { CommanderError } from 'commander';
import { stderrColors } from './output/colors.js';
import { EXIT } from './exit-codes.js';
import { printJson } from './output/json.js';
import { scrubSecrets } from './secrets.js';
import { writeStderr } from './output/standard-streams.js';

/** commander's exits after printing help or the version: done, not failed. */
export function isCommanderExit(error: unknown): boolean {
  return (
    error instanceof CommanderError &&
    (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
  );
}

/**
 * Every failure ends here: one line on stderr (never a stack trace for a user's mistake), the
 * contract's exit code, and under --json an error document on stdout. Secrets are scrubbed.
 */
export function reportError(error: unknown, json: boolean, secrets: readonly string[]): number {
  const scrub = (text: string) => scrubSecrets(text, secrets);
  let code: string;
  let exitCode: number;
  let message: string;
  if (error instanceof AgnoMigrateError) {
    ({ code, exitCode } = error);
    message = error.message;
  } else if (error instanceof CommanderError) {
    code = 'usage';
    exitCode = EXIT.usage;
    message = error.message.replace(/^error:\s*/, '');
  } else {
    code = 'internal';
    exitCode = EXIT.failed;
    message = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    if (process.env['AGNO_MIGRATE_DEBUG'] && error instanceof Error && error.stack) writeStderr(`${scrub(error.stack)}\n`);
  }
  message = scrub(message);
  // A failed run's result, already printed, is the one JSON document of its output.
  const printedResult = error instanceof MigrationStepError && error.result !== undefined;
  if (json && !printedResult) printJson({ error: { code, message, exitCode } });
  writeStderr(`${stderrColors().red('error:')} ${message}\n`);
  return exitCode;
}
