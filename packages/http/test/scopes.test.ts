import { describe, expect, it } from 'vitest';
import { scopeOf } from '../src/access.js';
import { grants, insufficientDetail } from '../src/scopes.js';

describe("AgentOS's scope rule", () => {
  it.each<[string[], string, boolean]>([
    [['config:write'], 'config:write', true],
    [['system:write'], 'config:write', true],
    [['config:*:write'], 'config:write', true],
    [['agent_os:admin'], 'config:write', true],
    [['config:read'], 'config:write', false],
    [['config:main:write'], 'config:write', false],
    [['config'], 'config:write', false],
    [['agents:write'], 'config:write', false],
    [[], 'config:read', false],
    [['system:read'], 'config:read', true],
    [['a:b:c:d'], 'config:read', false],
  ])('%j grants %s: %s', (scopes, required, expected) => {
    expect(grants(scopes, required, 'agent_os:admin')).toBe(expected);
  });

  it('a configured admin scope replaces the default one', () => {
    expect(grants(['root'], 'config:write', 'root')).toBe(true);
    expect(grants(['agent_os:admin'], 'config:write', 'root')).toBe(false);
  });

  it('migrating needs config:write, reading config:read', () => {
    expect(scopeOf('migrate')).toBe('config:write');
    expect(scopeOf('migrate-all')).toBe('config:write');
    expect(scopeOf('status')).toBe('config:read');
    expect(scopeOf('pending-all')).toBe('config:read');
    expect(insufficientDetail('config:write')).toBe('Insufficient permissions. Required scope(s): config:write');
  });
});
