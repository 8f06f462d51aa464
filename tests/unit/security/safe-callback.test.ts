// The post-sign-in redirect stays on this site, whatever the callbackUrl says (issue 9, item 4).
import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/safe-callback';

const ORIGIN = 'https://factmark.example.org';

/** Where a browser on ORIGIN goes when told to go to `path`. */
const landing = (path: string) => new URL(path, ORIGIN);

const BYPASSES: [string, string][] = [
  ['//evil.example', 'protocol-relative'],
  ['/\\evil.example', 'backslash, read as a slash'],
  ['\\\\evil.example', 'two backslashes'],
  ['/\t/evil.example', '/%09/evil after the query string is decoded: browsers strip the tab'],
  ['/%09/evil.example', 'an encoded tab left encoded'],
  ['/%2509/evil.example', 'a double-encoded tab'],
  ['/\n/evil.example', 'an encoded newline, decoded'],
  ['/%0A/evil.example', 'an encoded newline'],
  ['/\r\n/evil.example', 'CR LF'],
  ['/%5Cevil.example', 'an encoded backslash'],
  ['/%5C%5Cevil.example', 'two encoded backslashes'],
  ['https:evil.example', 'scheme without slashes'],
  ['https:/evil.example', 'scheme with one slash'],
  ['http:evil.example', 'another scheme without slashes'],
  ['http://evil.example/', 'an absolute URL of another host'],
  ['https://factmark.example.org.evil.example/', 'a look-alike host'],
  ['https://factmark.example.org@evil.example/', 'userinfo trick'],
  ['https://user:pw@factmark.example.org/', 'userinfo on our host'],
  ['http://factmark.example.org/', 'our host over another scheme'],
  ['javascript:alert(1)', 'javascript:'],
  ['JaVaScRiPt:alert(1)', 'javascript: in mixed case'],
  ['\u0000javascript:alert(1)', 'javascript: after a NUL'],
  [' javascript:alert(1)', 'javascript: after a space'],
  ['data:text/html,<script>alert(1)</script>', 'data:'],
  ['/.//evil.example', 'a dot segment that leaves a protocol-relative path'],
  ['/a/..//evil.example', 'a dot-dot segment that leaves a protocol-relative path'],
  ['/login?callbackUrl=//evil.example', 'the login page with another callback'],
];

describe('safeCallbackPath', () => {
  it.each(BYPASSES)('%j (%s) never leaves the site', (raw) => {
    const path = safeCallbackPath(raw, ORIGIN);
    expect(landing(path).origin).toBe(ORIGIN);
    // A Location a browser cannot read as another host: one slash, no backslash, no control characters.
    expect(path).toMatch(/^\/(?![/\\])/);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(path).not.toMatch(/[\\\u0000-\u001f]/);
    expect(landing(path).hostname).toBe('factmark.example.org');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '/%0A/evil.example',
    '/%5Cevil.example',
    'http://evil.example/',
    'javascript:alert(1)',
    'data:text/html,x',
    '/.//evil.example',
    '/login',
    '/login/',
    'https://user:pw@factmark.example.org/',
  ])('%j is replaced by the home page', (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe('/');
  });

  it('keeps paths, queries and fragments on this site', () => {
    expect(safeCallbackPath('/articles/12?status=disputed#a-3', ORIGIN)).toBe('/articles/12?status=disputed#a-3');
    expect(safeCallbackPath('https://factmark.example.org/articles/12', ORIGIN)).toBe('/articles/12');
    expect(safeCallbackPath('/articles/%E2%9C%93', ORIGIN)).toBe('/articles/%E2%9C%93');
    expect(safeCallbackPath('/loginx', ORIGIN)).toBe('/loginx');
    expect(safeCallbackPath(undefined, ORIGIN)).toBe('/');
    expect(safeCallbackPath('', ORIGIN)).toBe('/');
  });
});
