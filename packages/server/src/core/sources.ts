import { MANUAL_BOARD, MANUAL_SENDER, normalizeSender, type Activation, type Board, type Source } from '@veille/domain';
import { detectBoard, hasParser } from '../parsers/registry';

/**
 * What the product can do for a board: import needs a parser; enrichment and analysis serve every
 * offer that has a URL or a text, whatever its board (an unknown one, typed by hand, added by hand).
 */
export function availabilityOf(board: Board): Activation {
  return { import: hasParser(board), enrich: true, analyse: true };
}

const sourceOf = (sender: string, board: Board): Source => {
  const available = availabilityOf(board);
  return { sender, board, activation: { ...available }, available };
};

/** A sender seen for the first time: every phase the product can do for its board is on. */
export function newSource(address: string): Source {
  const sender = normalizeSender(address);
  return sourceOf(sender, detectBoard(sender));
}

/** Where the offers a person adds by hand live, created with the first one. */
export function manualSource(): Source {
  return sourceOf(MANUAL_SENDER, MANUAL_BOARD);
}
