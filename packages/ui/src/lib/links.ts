const WEB_SCHEMES = new Set(['http:', 'https:']);

/** An offer's URL when it leads to a web page; anything else (javascript:, data:, file:…) is never made a link. */
export function webLink(url: string): string | undefined {
  try {
    return WEB_SCHEMES.has(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
