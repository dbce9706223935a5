import type { AnyNode } from 'domhandler';
import { HtmlTooDeepError, loadHtml, MAX_HTML_DEPTH, plainText } from './html';

const nested = (depth: number, inner = 'fond'): string => `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;

/** A chain of elements built by hand, past any cap: only a walk without recursion gets to its end. */
const chain = (depth: number, text: string): AnyNode => {
  let node: object = { type: 'tag', name: 'div', children: [{ type: 'text', data: text }] };
  for (let level = 1; level < depth; level += 1) node = { type: 'tag', name: 'div', children: [node] };
  return node as unknown as AnyNode;
};

describe('HTML loading with a depth cap', () => {
  it(`should load HTML nested ${MAX_HTML_DEPTH} levels deep`, () => {
    const $ = loadHtml(nested(MAX_HTML_DEPTH));

    expect($('div').length).toBe(MAX_HTML_DEPTH);
    expect($.root().text()).toBe('fond');
  });

  it('should refuse HTML nested one level deeper, with the reason', () => {
    expect(() => loadHtml(nested(MAX_HTML_DEPTH + 1))).toThrow(HtmlTooDeepError);
    expect(() => loadHtml(nested(MAX_HTML_DEPTH + 1))).toThrow(`HTML trop imbriqué (plus de ${MAX_HTML_DEPTH} niveaux)`);
  });

  it('should refuse 180,000 nested divs at once, without reading them all', () => {
    const started = Date.now();

    expect(() => loadHtml(nested(180_000))).toThrow(HtmlTooDeepError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('should count depth as the tree grows: siblings, void elements and implied closes do not add up', () => {
    const wide = '<div><p>un<p>deux<br><img src="x">'.repeat(400) + '</div>'.repeat(400);
    const paragraphs = `<div>${'<p>texte'.repeat(5_000)}</div>`;

    expect(loadHtml(wide)('p').length).toBe(800);
    expect(loadHtml(paragraphs)('p').length).toBe(5_000);
  });
});

describe('Text without recursion', () => {
  it('should read the text at the end of a 200,000-deep tree', () => {
    expect(plainText([chain(200_000, 'tout au fond')])).toBe('tout au fond');
  });
});
