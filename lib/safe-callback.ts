// Where to go after signing in: only a path on this site, so a crafted link cannot send a
// reviewer elsewhere (an open redirect).

export function safeCallbackPath(raw: string | undefined): string {
  if (!raw) return '/';
  let candidate = raw;
  try {
    // next-auth may hand over an absolute URL of this site: keep only its path.
    if (/^https?:\/\//i.test(raw)) {
      const url = new URL(raw);
      candidate = `${url.pathname}${url.search}${url.hash}`;
    }
  } catch {
    return '/';
  }
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\') || candidate.startsWith('/login')) return '/';
  return candidate;
}
