import type { AlertParser, Board } from '@veille/domain';
import { canonicalUrl, demoLink, readCards, SALARY, type CardReader, type JobLink, type LinkReader } from './cards';

/** The first reader that recognises a link wins. */
export function anyOf(...readers: LinkReader[]): LinkReader {
  return (href, text) => {
    for (const read of readers) {
      const link = read(href, text);
      if (link) return link;
    }
    return undefined;
  };
}

/** A board link that names its job: the id becomes the key, the URL is rebuilt without tracking. */
export function byId(slug: string, pattern: RegExp, url: (id: string) => string): LinkReader {
  return (href) => {
    const id = pattern.exec(href)?.[1];
    return id ? { key: `${slug}:${id}`, url: url(id) } : undefined;
  };
}

/** Footer and account links of mailers, never a job. */
const NAVIGATION =
  /désinscri|désabonn|unsubscribe|préférences|paramètres|confidentialit|privacy|conditions d|terms|alertes?\b|alerts?\b|feedback|\b(ici|here|cv|aide|help|avis|modifier)\b|^(indeed|monster|glassdoor|cadremploi|hellowork|linkedin|welcome to the jungle)$/i;

/**
 * An opaque tracked link (its target cannot be read without a request): one job when it carries
 * a title; the key is then the link without its tracking parameters, the best the email gives.
 */
export function tracked(slug: string, host: RegExp): LinkReader {
  return (href, text) => {
    if (!text || NAVIGATION.test(text) || !host.test(new URL(href).hostname)) return undefined;
    const url = canonicalUrl(href);
    return { key: `${slug}:${url}`, url };
  };
}

export function salaryIn(lines: string[]): string {
  return lines.find((line) => SALARY.test(line) && line.length < 80) ?? '';
}

/** A parser that also tells a job link of its board from any other: the key an offer added by hand takes. */
export type BoardParser = AlertParser & { readonly jobLink: (href: string) => JobLink | undefined };

/** A board's parser: its senders, its job links (plus Veille's demo links), its card layout. */
export function boardParser(board: Board, senders: RegExp, link: LinkReader, card: CardReader, slug: string): BoardParser {
  const links = anyOf(link, demoLink(slug));
  return {
    board,
    accepts: (sender) => senders.test(sender.trim().toLowerCase()),
    parse: (email) => readCards(email, links, card),
    // A link alone carries no card text: opaque tracked links are never read as a job here.
    jobLink: (href) => links(href, ''),
  };
}
