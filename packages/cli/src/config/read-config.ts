import { fs } from '../builtins.js';
import { ConfigurationError } from '@agno-migrate/core';
import { knownSecrets, registerSecret } from '../secrets.js';
import type { AgnoMigrateConfig } from './config-types.js';
import { validateConfig } from './validate-config.js';

/** Reads and checks `--config <file>`; its passwords and key are registered so no output shows them. */
export function readConfig(file: string): AgnoMigrateConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : (error as Error).message;
    throw new ConfigurationError(`cannot read config file ${file}: ${reason}`, { file }, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigurationError(`config file ${file} is not valid JSON: ${describeJsonError(error as Error, text)}`, { file });
  }
  rememberSecrets(parsed);
  return validateConfig(parsed, file);
}

/** V8 reports a character offset; people look for a line and a column. */
function describeJsonError(error: Error, text: string): string {
  const reason = error.message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  const position = /at position (\d+)/.exec(error.message)?.[1];
  const offset = position !== undefined ? Number(position) : /end of JSON input/.test(error.message) ? text.length : undefined;
  if (offset === undefined) return reason;
  const before = text.slice(0, offset).split('\n');
  return `${reason} at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** Registered before validation, so even a message about a bad entry cannot show a password. */
function rememberSecrets(parsed: unknown): void {
  if (parsed === null || typeof parsed !== 'object') return;
  const root = parsed as Record<string, unknown>;
  if (typeof root['securityKey'] === 'string') registerSecret(root['securityKey']);
  // A shared JWT secret (HS256) is as secret as the key; public keys lose nothing by being hidden too.
  const jwt = root['jwt'] as Record<string, unknown> | null | undefined;
  const keys = jwt && typeof jwt === 'object' ? jwt['verificationKeys'] : undefined;
  if (Array.isArray(keys)) for (const key of keys) if (typeof key === 'string' && key !== '') registerSecret(key);
  const databases = root['databases'];
  if (databases === null || typeof databases !== 'object') return;
  for (const entry of Object.values(databases as Record<string, unknown>)) {
    const url = (entry as Record<string, unknown> | null)?.['url'];
    if (typeof url === 'string') registerUrlPassword(url);
  }
}

function registerUrlPassword(url: string): void {
  for (const secret of knownSecrets([url])) registerSecret(secret);
}
