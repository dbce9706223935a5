import type { AlertParser, Board } from '@veille/domain';
import { canonicalUrl, demoLink, readCards, type LinkReader } from './cards';

const firstOf =
  (...readers: LinkReader[]): LinkReader =>
  (href) => {
    for (const read of readers) {
      const link = read(href);
      if (link) return link;
    }
    return undefined;
  };

const byPattern =
  (slug: string, pattern: RegExp): LinkReader =>
  (href) => {
    const match = pattern.exec(href);
    return match ? { key: `${slug}:${match[1]}`, url: canonicalUrl(href) } : undefined;
  };

const parser = (board: Board, senders: RegExp, read: LinkReader): AlertParser => ({
  board,
  accepts: (sender) => senders.test(sender),
  parse: (email) => readCards(email, read),
});

const linkedInLink: LinkReader = (href) => {
  const match = /linkedin\.com\/(?:comm\/)?jobs\/view\/(?:[\w-]*-)?(\d{6,})/.exec(href);
  return match ? { key: `linkedin:${match[1]}`, url: `https://www.linkedin.com/jobs/view/${match[1]}/` } : undefined;
};

const indeedLink: LinkReader = (href) => {
  const url = new URL(href);
  const jk = /indeed\./.test(url.hostname) ? url.searchParams.get('jk') : null;
  return jk ? { key: `indeed:${jk}`, url: `https://fr.indeed.com/viewjob?jk=${jk}` } : undefined;
};

/** The boards Veille reads alerts from, each with its senders and its job links. */
export const BOARD_PARSERS: AlertParser[] = [
  parser('LinkedIn', /@linkedin\.com$/, firstOf(linkedInLink, demoLink('linkedin'))),
  parser('HelloWork', /hellowork\.com$/, firstOf(byPattern('hellowork', /hellowork\.com\/fr-fr\/emplois\/(\d+)\.html/), demoLink('hellowork'))),
  parser(
    'Welcome to the Jungle',
    /welcometothejungle\.com$/,
    firstOf(byPattern('wttj', /welcometothejungle\.com\/\w+\/companies\/([\w-]+\/jobs\/[\w-]+)/), demoLink('wttj')),
  ),
  parser('Indeed', /indeed\.com$/, firstOf(indeedLink, demoLink('indeed'))),
  parser('Cadremploi', /cadremploi\.fr$/, firstOf(byPattern('cadremploi', /cadremploi\.fr\/emploi\/detail_offre\?offreId=(\d+)/), demoLink('cadremploi'))),
  parser('Jobs That Make Sense', /makesense\.org$/, firstOf(byPattern('jtms', /jobs\.makesense\.org\/(?:\w+\/)?jobs\/([\w-]+)/), demoLink('jtms'))),
];
