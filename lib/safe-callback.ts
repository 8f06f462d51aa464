// Where to go after signing in: only a page of this site, so a crafted link cannot send a
// reviewer elsewhere (an open redirect). Decided by the URL parser — the same rules the browser
// applies — against the app's own origin, never by looking at the string's first characters.

/**
 * The path (with query and fragment) `raw` leads to when it stays on `origin`, else `/`. Tabs and
 * newlines (which browsers strip), backslashes (which they read as slashes), protocol-relative
 * and scheme-only forms all resolve off-site or to another scheme and are refused.
 */
export function safeCallbackPath(raw: string | undefined, origin: string): string {
  if (!raw) return '/';
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin || url.username || url.password) return '/';
  // "/.//evil.example" resolves on this origin to the path "//evil.example", which as a Location
  // would be protocol-relative: never hand out a path that does not start with exactly one slash.
  if (!url.pathname.startsWith('/') || url.pathname.startsWith('//')) return '/';
  // No page of ours has an encoded control character or backslash in its path: such a path is
  // only ever a probe for a server or proxy that decodes it once more.
  if (/%(?:[01][0-9a-f]|7f|5c)/i.test(url.pathname)) return '/';
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
