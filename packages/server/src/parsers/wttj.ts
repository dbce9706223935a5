import { placeOf, type CardReader, type LinkReader } from './cards';
import { anyOf, boardParser, byId, tracked } from './links';

const CONTRACT = /^(CDI|CDD|Stage|Alternance|Freelance|Intérim|VIE|Temps partiel)\b/i;

const isContract = (text: string): boolean => CONTRACT.test(text) && text.includes(' - ');

/**
 * The real alerts go through SendGrid, whose `upn` is encrypted: the job URL is not in the email.
 * Company, title and "CDI - City" are three links; the contract line marks the job's link.
 */
const trackedJob: LinkReader = (href, text) => (isContract(text) ? tracked('wttj', /welcometothejungle\.com$/)(href, text) : undefined);

/** The three links may also share one URL (then they are one card's texts): either way, company, title, contract. */
const wttjCard: CardReader = ({ title, before, texts }) => {
  const contract = texts.find(isContract) ?? title;
  const named = texts.filter((text) => !isContract(text));
  const [company, jobTitle] = named.length >= 2 ? named : before.slice(-2);
  if (!company || !jobTitle || !isContract(contract)) return undefined;
  return { title: jobTitle, company, ...placeOf(contract.slice(contract.indexOf(' - ') + 3)), salary: '' };
};

export const wttjParser = boardParser(
  'Welcome to the Jungle',
  /@(\w+\.)*welcometothejungle\.com$/,
  anyOf(
    byId('wttj', /welcometothejungle\.com\/\w+\/companies\/([\w-]+\/jobs\/[\w-]+)/, (id) => `https://www.welcometothejungle.com/fr/companies/${id}`),
    trackedJob,
  ),
  wttjCard,
  'wttj',
);
