// A role reads the same on every page: one list of names (web/roles.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roleName, roles } from '../web/roles.js';

afterEach(() => vi.unstubAllGlobals());
const inLocale = (l: 'nl' | 'en') => vi.stubGlobal('localStorage', { getItem: () => l, setItem: () => undefined });

describe('roleName', () => {
  it('names each role as a label, capitalised, in the UI’s language', () => {
    inLocale('nl');
    expect(roles.map(roleName)).toEqual(['Beheerder', 'Coördinator', 'Opbouwwerker', 'Financier']);
    inLocale('en');
    expect(roles.map(roleName)).toEqual(['Admin', 'Coordinator', 'Worker', 'Funder']);
  });

  it('leaves a role it does not know as sent', () => {
    inLocale('nl');
    expect(roleName('gast')).toBe('gast');
  });
});
