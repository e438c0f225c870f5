// Replaced by the build with package.json's version (esbuild --define), so `--version` cannot drift
// from the published package. Run from source (tests), it says so.
declare const __AGNO_MIGRATE_VERSION__: string | undefined;

export const VERSION: string = typeof __AGNO_MIGRATE_VERSION__ === 'string' ? __AGNO_MIGRATE_VERSION__ : '0.0.0-source';
