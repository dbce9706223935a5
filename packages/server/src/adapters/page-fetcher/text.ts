import * as cheerio from 'cheerio';

const BLOCKS = 'p, div, li, br, h1, h2, h3, h4, h5, h6, tr, section, article, ul, ol';

/** HTML to clean text: paragraphs and list items on their own lines, entities decoded, blanks folded. */
export const htmlToText = (html: string): string => {
  const $ = cheerio.load(html);
  $('script, style, noscript').remove();
  $('li').each((_index, element) => {
    $(element).prepend('• ');
  });
  $(BLOCKS).each((_index, element) => {
    $(element).append('\n');
  });
  return $.root()
    .text()
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
};
