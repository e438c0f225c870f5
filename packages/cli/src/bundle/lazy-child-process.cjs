// commander requires node:child_process as it loads, for subcommands that are separate executables,
// which agno-migrate has none of; loading it (with net, dgram and tty) would cost every run. The
// bundle takes this stand-in instead: the real module loads on first use only.
module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule('node:child_process')[key] });
