import { normalizeSender, type AlertEmail } from '@veille/domain';
import { simpleParser } from 'mailparser';
import { z } from 'zod';

/** Alerts are a few hundred KB at most; past this the message is not read at all. */
export const MAX_EMAIL_BYTES = 2 * 1024 * 1024;

const alertSchema = z.object({
  sender: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});

export class EmailTooLargeError extends Error {}

const kilobytes = (bytes: number): number => Math.ceil(bytes / 1024);

/** The one way to say a message is too large, wherever its size is first known. */
export function tooLarge(size: number, maxBytes = MAX_EMAIL_BYTES): EmailTooLargeError {
  return new EmailTooLargeError(`Email trop volumineux (${kilobytes(size)} Ko, limite ${kilobytes(maxBytes)} Ko) : laissé dans la boîte.`);
}

/**
 * Decodes a raw RFC 822 message into what parsers read. A message over `maxBytes` is refused
 * with an EmailTooLargeError before any parsing (cutting it would lose the HTML part's end and
 * with it job cards, silently); a broken message is a clear Error, never a crash.
 */
export async function decodeAlert(raw: Uint8Array, options: { maxBytes?: number } = {}): Promise<AlertEmail> {
  const maxBytes = options.maxBytes ?? MAX_EMAIL_BYTES;
  if (raw.byteLength > maxBytes) throw tooLarge(raw.byteLength, maxBytes);
  let parsed;
  try {
    parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipHtmlToText: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw new Error(`Email illisible (MIME invalide) : ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const decoded = alertSchema.safeParse({
    sender: normalizeSender(parsed.from?.value[0]?.address ?? ''),
    subject: parsed.subject ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    text: parsed.text ?? '',
  });
  if (!decoded.success) throw new Error(`Email illisible : ${decoded.error.issues.map((issue) => issue.message).join(', ')}`);
  return decoded.data;
}
