import { redactUrl } from './database-url.js';

/** Secrets read from elsewhere (a --config file's URLs and key), scrubbed like those on the command line. */
const registered = new Set<string>();

export function registerSecret(value: string): void {
  if (value) registered.add(value);
}

/** Passwords the process knows of (in --db URLs and the usual environment variables), to scrub from output. */
export function knownSecrets(argv: readonly string[]): string[] {
  const secrets = new Set<string>(registered);
  const urls = [...argv, process.env['AGNO_DB_URL'] ?? '', process.env['DATABASE_URL'] ?? ''];
  for (const candidate of urls) {
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(candidate);
    if (match?.[1]) {
      secrets.add(match[1]);
      try {
        secrets.add(decodeURIComponent(match[1]));
      } catch {
        // keep the raw form only
      }
    }
  }
  for (const name of ['PGPASSWORD', 'MYSQL_PWD', 'AGNO_DB_PASSWORD']) {
    const value = process.env[name];
    if (value) secrets.add(value);
  }
  return [...secrets].filter((s) => s.length >= 3);
}

/** `text` with URL passwords redacted and every known secret replaced by `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, secret) => (secret ? t.split(secret).join('***') : t), redactUrl(text));
}
