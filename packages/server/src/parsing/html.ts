import * as cheerio from 'cheerio';
import type { AnyNode, Comment, Element, Text } from 'domhandler';
import { DomHandler, DomUtils, Parser } from 'htmlparser2';

/**
 * Chromium's HTML parser stops nesting at 512 levels too. The deepest real alert measured
 * (../shared/fixtures/emails) is 56 levels deep; a job page rarely passes 40.
 */
export const MAX_HTML_DEPTH = 512;

export class HtmlTooDeepError extends Error {
  constructor() {
    super(`HTML trop imbriqué (plus de ${MAX_HTML_DEPTH} niveaux)`);
  }
}

const OPTIONS = { xmlMode: false, decodeEntities: true };

/**
 * Counts open elements exactly as the tree grows (implied closes included) and stops the
 * tokeniser past the cap: htmlparser2's open-element stack costs O(depth) per tag, so a deep
 * document would take quadratic time before any tree walk even starts.
 */
class DepthCappedHandler extends DomHandler {
  private depth = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    this.depth += 1;
    if (this.depth > MAX_HTML_DEPTH) throw new HtmlTooDeepError();
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    this.depth -= 1;
    super.onclosetag();
  }
}

/**
 * Loads HTML for querying, refusing a document nested deeper than MAX_HTML_DEPTH (HtmlTooDeepError).
 * htmlparser2 reads alert HTML three times faster than parse5.
 */
export function loadHtml(html: string): cheerio.CheerioAPI {
  const handler = new DepthCappedHandler(null, OPTIONS);
  new Parser(handler, OPTIONS).end(html);
  return cheerio.load(handler.root, { xml: OPTIONS });
}

// Node kinds through domhandler's guards as htmlparser2 bundles them: that domhandler builds the
// nodes, and its `ElementType` is another enum than the one the `domhandler` types name.

export function isText(node: AnyNode): node is Text {
  return DomUtils.isText(node);
}

export function isComment(node: AnyNode): node is Comment {
  return DomUtils.isComment(node);
}

/**
 * An element whose children are markup. `isTag` also holds for <script> and <style>, whose
 * children are code: outside XML mode they are the elements so named (their own node types).
 */
export function isMarkupElement(node: AnyNode): node is Element {
  return DomUtils.isTag(node) && node.name !== 'script' && node.name !== 'style';
}

type Visitor = {
  /** Returns false to skip the node's children (and its `leave`). */
  enter: (node: AnyNode) => boolean;
  leave?: (node: AnyNode) => void;
};

/** Depth-first walk with an explicit stack: input depth never reaches the call stack. */
export function walk(roots: readonly AnyNode[], visitor: Visitor): void {
  // Two parallel stacks rather than a frame object per visit: this walk runs for every card.
  const nodes: AnyNode[] = [];
  const leaving: boolean[] = [];
  for (let index = roots.length - 1; index >= 0; index -= 1) {
    nodes.push(roots[index]);
    leaving.push(false);
  }
  while (nodes.length > 0) {
    const node = nodes.pop() as AnyNode;
    if (leaving.pop()) {
      visitor.leave?.(node);
      continue;
    }
    if (!visitor.enter(node)) continue;
    nodes.push(node);
    leaving.push(true);
    if (!('children' in node)) continue;
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      nodes.push(node.children[index]);
      leaving.push(false);
    }
  }
}

/** Every text the nodes hold, scripts' included, as cheerio's `.text()` gives it. */
export function plainText(roots: readonly AnyNode[]): string {
  const parts: string[] = [];
  walk(roots, {
    enter: (node) => {
      if (isText(node)) parts.push(node.data);
      return !isComment(node);
    },
  });
  return parts.join('');
}
