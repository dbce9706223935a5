import { normalizeSender, type AlertEmail } from '@veille/domain';
import { simpleParser } from 'mailparser';
import { z } from 'zod';

/** Alerts are a few hundred KB at most; past this the message is cut and the parse says so. */
export const MAX_EMAIL_BYTES = 2 * 1024 * 1024;

const alertSchema = z.object({
  sender: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});

export class EmailTooLargeError extends Error {}

/** Decodes a raw RFC 822 message into what parsers read; a broken message is a clear error, never a crash. */
export const decodeAlert = async (raw: Uint8Array, maxBytes = MAX_EMAIL_BYTES): Promise<AlertEmail> => {
  if (raw.byteLength > maxBytes) {
    throw new EmailTooLargeError(
      `Email trop volumineux (${Math.round(raw.byteLength / 1024)} Ko, limite ${Math.round(maxBytes / 1024)} Ko) : laissé dans la boîte.`,
    );
  }
  let parsed;
  try {
    parsed = await simpleParser(Buffer.from(raw), { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true, skipTextLinks: true });
  } catch (error) {
    throw new Error(`Email illisible (MIME invalide) : ${error instanceof Error ? error.message : String(error)}`);
  }
  return alertSchema.parse({
    sender: normalizeSender(parsed.from?.value[0]?.address ?? ''),
    subject: parsed.subject ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    text: parsed.text ?? '',
  });
};
