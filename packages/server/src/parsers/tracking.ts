import { gunzipSync } from 'node:zlib';

/** Query parameters boards and mailers use to carry the real destination of a tracked link. */
const TARGET_PARAMS = ['urlRedirection', 'url', 'u', 'redirect', 'redirect_url', 'redirectUrl', 'dest', 'destination', 'target', 'to', 'link', 'r'];

const GZIP = [0x1f, 0x8b];

/** Indeed's cts.indeed.com/v3 links carry a gzipped JSON; a tracker never needs more than this. */
const MAX_UNZIPPED = 64 * 1024;

const bytesToText = (bytes: Buffer): string => {
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1]) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_UNZIPPED }).toString('utf8');
  } catch {
    return '';
  }
};

/** Customer.io's payload is `{"href": …}`, Indeed's `{"u": …}`: JSON escapes (\u0026) must be read as such. */
const urlInJson = (text: string): string | undefined => {
  if (!text.startsWith('{')) return undefined;
  try {
    const payload: unknown = JSON.parse(text);
    if (typeof payload !== 'object' || payload === null) return undefined;
    return Object.values(payload).find((value): value is string => typeof value === 'string' && /^https?:\/\//.test(value));
  } catch {
    return undefined;
  }
};

/** A path segment that is a URL in base64 (HelloWork's tracker, Customer.io for JTMS), maybe gzipped (Indeed). */
const decodeBase64Url = (segment: string): string | undefined => {
  if (segment.length < 16 || !/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return undefined;
  const text = bytesToText(Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  // eslint-disable-next-line no-control-regex -- a URL in decoded bytes ends at the first control character.
  return urlInJson(text) ?? /https?:\/\/[^\s"<>\u0000-\u001f]+/.exec(text)?.[0];
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
export function untrack(href: string): string {
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
}
