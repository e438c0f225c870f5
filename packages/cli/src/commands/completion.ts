import type { Command } from 'commander';
import { ConfigurationError } from '@agno-migrate/core';
import { EXIT } from '../exit-codes.js';
import { writeStdout } from '../output/standard-streams.js';

interface Spec {
  readonly commands: readonly { readonly name: string; readonly description: string; readonly options: readonly string[] }[];
  readonly globals: readonly string[];
}

/** Commands and their long options, read from the program itself so completion never drifts from it. */
export function completionSpec(program: Command): Spec {
  const longs = (command: Command) => command.options.map((o) => o.long).filter((l): l is string => l !== undefined);
  return {
    commands: program.commands.map((c) => ({ name: c.name(), description: c.description(), options: [...longs(c), '--help'] })),
    globals: [...longs(program), '--help', '--version'],
  };
}

const SHELLS: Record<string, (spec: Spec) => string> = { bash, zsh, fish };

/** `agno-migrate completion bash|zsh|fish`: the script on stdout, to source or install. */
export async function completionCommand(shell: string, program: Command): Promise<number> {
  const render = SHELLS[shell];
  if (!render) throw new ConfigurationError(`completion takes bash, zsh or fish, not ${JSON.stringify(shell)}`);
  writeStdout(render(completionSpec(program)));
  return EXIT.ok;
}

function bash(spec: Spec): string {
  const cases = spec.commands.map((c) => `    ${c.name}) opts="${c.options.join(' ')}" ;;`).join('\n');
  return `# agno-migrate completion for bash: source it, e.g. agno-migrate completion bash >> ~/.bashrc
_agno_migrate() {
  local cur=\${COMP_WORDS[COMP_CWORD]} command="" opts word
  # The command is the first word that names one: option values (--db x.db) are skipped.
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case " ${spec.commands.map((c) => c.name).join(' ')} " in *" $word "*) command=$word; break ;; esac
  done
  case "$command" in
${cases}
    "") opts="${spec.commands.map((c) => c.name).join(' ')} help ${spec.globals.join(' ')}" ;;
    *) opts="" ;;
  esac
  if [[ "$command" == completion ]]; then opts="bash zsh fish"; fi
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  [[ "$cur" != -* && "$cur" == */* || "$cur" == *.db ]] && COMPREPLY+=( $(compgen -f -- "$cur") )
  return 0
}
complete -o default -F _agno_migrate agno-migrate
`;
}

function zsh(spec: Spec): string {
  const quote = (s: string) => s.replace(/'/g, "'\\''").replace(/:/g, '\\:');
  const commands = spec.commands.map((c) => `    '${c.name}:${quote(c.description)}'`).join('\n');
  const cases = spec.commands.map((c) => `      ${c.name}) _values 'option' ${c.options.map((o) => `'${o}'`).join(' ')} ;;`).join('\n');
  return `#compdef agno-migrate
# agno-migrate completion for zsh: save it as _agno-migrate in a directory of $fpath
_agno_migrate() {
  local -a commands
  commands=(
${commands}
    'help:help for a command'
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "\${words[2]}" in
${cases}
      completion) _values 'shell' bash zsh fish ;;
  esac
  _files
}
_agno_migrate "$@"
`;
}

function fish(spec: Spec): string {
  const quoteForFish = (s: string) => s.replace(/'/g, "\\'");
  const names = spec.commands.map((c) => c.name).join(' ');
  const lines = [
    '# agno-migrate completion for fish: save it as ~/.config/fish/completions/agno-migrate.fish',
    'complete -c agno-migrate -f',
    ...spec.commands.map(
      (c) => `complete -c agno-migrate -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d '${quoteForFish(c.description)}'`,
    ),
    ...spec.commands.flatMap((c) =>
      c.options.map((o) => `complete -c agno-migrate -n '__fish_seen_subcommand_from ${c.name}' -l ${o.replace(/^--/, '')}`),
    ),
    "complete -c agno-migrate -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
  ];
  return `${lines.join('\n')}\n`;
}
