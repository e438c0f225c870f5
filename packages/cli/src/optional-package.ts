import { ConfigurationError } from '@agno-migrate/core';

/** Whether `error` says that `pkg` itself (not something it needs) could not be found. */
export function isModuleMissing(error: unknown, pkg: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = String((error as Error).message);
  return message.includes(`'${pkg}'`) || message.includes(`"${pkg}"`) || message.includes(` ${pkg} `);
}

/**
 * Loads a command whose package is optional (`serve` needs @agno-migrate/http, `v1-to-v2` needs
 * @agno-migrate/v1-to-v2): without it, one line naming the package, exit 2, as for a missing dialect.
 */
export async function loadOptional<T>(load: () => Promise<T>, pkg: string, command: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isModuleMissing(error, pkg)) {
      throw new ConfigurationError(
        `${command} needs ${pkg}, which is not installed: run \`npm install ${pkg}\``,
        { package: pkg },
        { cause: error },
      );
    }
    throw error;
  }
}
