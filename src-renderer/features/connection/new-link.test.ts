import { describe, expect, it } from 'vitest';
import { openNewLink, parseNewLink } from './new-link';

describe('pasting a new serve-mode link', () => {
  it("follows only Switchboard's own kind of link", () => {
    expect(parseNewLink('  http://127.0.0.1:7480/#key=abc123 \n')?.href).toBe(
      'http://127.0.0.1:7480/#key=abc123',
    );
    expect(parseNewLink('http://localhost:7480/#key=abc')).not.toBeNull();
    for (const bad of [
      'https://evil.example/#key=abc',
      'http://127.0.0.1:7480/',
      'http://127.0.0.1:7480/#nokey',
      'javascript:alert(1)//#key=a',
      'kill -USR1 4242',
      '',
    ])
      expect(parseNewLink(bad), bad).toBeNull();
  });

  it('reloads this page when only the key differs, and navigates when Switchboard moved port', () => {
    const calls: string[] = [];
    const location = {
      origin: 'http://127.0.0.1:7480',
      pathname: '/',
      assign: (href: string) => calls.push(`assign ${href}`),
      reload: () => calls.push('reload'),
    };
    const history = {
      replaceState: (_: unknown, __: string, href?: string | URL | null) =>
        calls.push(`replace ${String(href)}`),
    };
    openNewLink(parseNewLink('http://127.0.0.1:7480/#key=new')!, location, history);
    expect(calls).toEqual(['replace http://127.0.0.1:7480/#key=new', 'reload']);
    calls.length = 0;
    openNewLink(parseNewLink('http://127.0.0.1:7999/#key=new')!, location, history);
    expect(calls).toEqual(['assign http://127.0.0.1:7999/#key=new']);
  });
});
