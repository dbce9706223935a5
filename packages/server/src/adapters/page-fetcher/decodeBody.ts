/** Media types a job page comes as; a missing type is read too (many sites omit it). */
const READABLE = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'text/xml', 'application/xml']);

/** Where a page names its charset when its headers do not: the first bytes, in ASCII. */
const SNIFF_BYTES = 2048;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const BINARY_SAMPLE = 8192;

export type DecodedBody = { readonly html: string } | { readonly refusal: string };

function charsetOf(bytes: Uint8Array, contentType: string): string {
  const declared = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (declared) return declared;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  return META_CHARSET.exec(Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1'))?.[1] ?? 'utf-8';
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset);
  } catch {
    // An unknown label: UTF-8 reads most of a page right, whatever it claimed.
    return new TextDecoder('utf-8');
  }
}

/**
 * A fetched page's bytes as text, in the charset it declares (headers, byte order mark, then
 * `<meta charset>`), or why it is no page to read: a PDF, an image, a binary file served as HTML.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType && !READABLE.has(mediaType)) return { refusal: `Format non pris en charge (${mediaType})` };
  const decoder = decoderFor(charsetOf(bytes, contentType ?? ''));
  // A NUL byte never appears in a text page, except in UTF-16, which is decoded before the look.
  if (!decoder.encoding.startsWith('utf-16') && bytes.subarray(0, BINARY_SAMPLE).includes(0)) return { refusal: 'Page illisible : contenu binaire' };
  return { html: decoder.decode(bytes) };
}
