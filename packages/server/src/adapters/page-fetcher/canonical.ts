import { z } from 'zod';
import { jobPostingNodes } from './jsonLd';
import type { Page } from './page';

const text = z.string().trim().min(1);
const identifier = z.union([text, z.number().transform(String), z.object({ value: z.union([text, z.number().transform(String)]) }).passthrough()]);
const posting = z.object({ url: text.optional(), identifier: identifier.optional() }).passthrough();

/** A web address as written on the page, made absolute against it; none when it is no web address. */
const absolute = (href: string | undefined, base: string): string | undefined => {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Where the page says the job lives: its `<link rel=canonical>`, else its JSON-LD JobPosting's
 * `url`, else that posting's `identifier`, which only means something on its own site
 * (`id:host/value`). The domain normalises and compares it.
 */
export function canonicalOf({ $, url }: Page): string | undefined {
  const link = absolute($('link[rel~="canonical" i]').first().attr('href'), url);
  if (link) return link;
  for (const node of jobPostingNodes($)) {
    const parsed = posting.safeParse(node);
    if (!parsed.success) continue;
    const address = absolute(parsed.data.url, url);
    if (address) return address;
    const id = parsed.data.identifier;
    if (id !== undefined) return `id:${new URL(url).hostname.replace(/^www\./, '')}/${typeof id === 'string' ? id : id.value}`;
  }
  return undefined;
}
