import type { AnyNode } from 'domhandler';
import { isComment, isText, loadHtml, walk } from '../../parsing/html';

const BLOCKS = new Set(['p', 'div', 'li', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'section', 'article', 'ul', 'ol']);

/** Never read as the offer's text. */
export const CODE = ['script', 'style', 'noscript'];

const nameOf = (node: AnyNode): string | undefined => ('name' in node ? node.name : undefined);

/**
 * The nodes' text as a reader sees it: paragraphs and list items on their own lines, blanks
 * folded, the elements named in `skipped` left out with all they hold.
 */
export function textOf(nodes: readonly AnyNode[], skipped: readonly string[] = CODE): string {
  const parts: string[] = [];
  walk(nodes, {
    enter: (node) => {
      if (isText(node)) parts.push(node.data);
      if (isComment(node) || skipped.includes(nameOf(node) ?? '')) return false;
      if (nameOf(node) === 'li') parts.push('• ');
      return true;
    },
    leave: (node) => {
      if (BLOCKS.has(nameOf(node) ?? '')) parts.push('\n');
    },
  });
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** HTML to clean text (HtmlTooDeepError past the depth cap). */
export function htmlToText(html: string): string {
  return textOf(loadHtml(html).root().toArray());
}
