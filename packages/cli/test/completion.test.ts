import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const COMMANDS = ['status', 'up', 'down', 'init', 'verify', 'v1-to-v2', 'serve', 'completion'];

/** Asks the bash completion function what it offers after `words` (the last one being typed). */
function bashComplete(script: string, words: string[]): string[] {
  const line = ['agno-migrate', ...words];
  const program = `${script}\nCOMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}; _agno_migrate; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

describe('agno-migrate completion', () => {
  const bash = runCli(['completion', 'bash']).stdout;

  it('bash: a valid script that completes commands, then each command’s options', () => {
    expect(spawnSync('bash', ['-n'], { input: bash }).status).toBe(0);
    expect(bashComplete(bash, [''])).toEqual(expect.arrayContaining([...COMMANDS, '--db', '--no-color']));
    expect(bashComplete(bash, ['st'])).toEqual(['status']);
    expect(bashComplete(bash, ['status', '--ch'])).toEqual(['--check']);
    expect(bashComplete(bash, ['--db', 'x.db', 'up', '--create'])).toEqual(['--create-missing']);
    expect(bashComplete(bash, ['v1-to-v2', '--agent'])).toEqual(['--agent-sessions']);
    expect(bashComplete(bash, ['completion', 'z'])).toEqual(['zsh']);
  });

  it('zsh and fish: every command and its options', () => {
    const zsh = runCli(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout.startsWith('#compdef agno-migrate\n')).toBe(true);
    const fish = runCli(['completion', 'fish']).stdout;
    for (const command of COMMANDS) {
      expect(zsh.stdout).toContain(`'${command}:`);
      expect(fish).toContain(`-a ${command} -d `);
    }
    expect(zsh.stdout).toContain("status) _values 'option' '--db'");
    expect(fish).toContain("complete -c agno-migrate -n '__fish_seen_subcommand_from up' -l create-missing");
  });

  it('an unknown shell: exit 2', () => {
    const run = runCli(['completion', 'powershell']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('completion takes bash, zsh or fish, not "powershell"');
  });
});
