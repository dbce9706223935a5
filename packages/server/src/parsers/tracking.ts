/** Query parameters boards and mailers use to carry the real destination of a tracked link. */
const TARGET_PARAMS = ['urlRedirection', 'url', 'u', 'redirect', 'redirect_url', 'redirectUrl', 'dest', 'destination', 'target', 'to', 'link', 'r'];

const decodeBase64Url = (segment: string): string | undefined => {
  if (segment.length < 16 || !/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return undefined;
  const text = Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const found = /https?:\/\/[^\s"<>\u0000-\u001f]+/.exec(text);
  return found?.[0];
};

const embeddedTarget = (url: URL): string | undefined => {
  for (const name of TARGET_PARAMS) {
    const value = url.searchParams.get(name);
    if (value && /^https?:\/\//i.test(value)) return value;
  }
  for (const segment of url.pathname.split('/').reverse()) {
    const decoded = decodeBase64Url(segment);
    if (decoded) return decoded;
  }
  return undefined;
};

/**
 * Follows the destinations a tracked link carries inside itself (a base64 path segment, a
 * `url=` parameter…), without any request: the real offer URL when it is recoverable.
 */
export const untrack = (href: string): string => {
  let current = href.trim();
  for (let depth = 0; depth < 5; depth += 1) {
    let url: URL;
    try {
      url = new URL(current);
    } catch {
      return current;
    }
    const next = embeddedTarget(url);
    if (!next || next === current) return current;
    current = next;
  }
  return current;
};
