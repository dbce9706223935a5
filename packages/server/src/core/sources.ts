import { normalizeSender, UNKNOWN_BOARD, type Activation, type Board, type Source } from '@veille/domain';
import { detectBoard, hasParser } from '../parsers/registry';

/** What the product can do for a board: import needs a parser; the page extractors read any known board. */
export function availabilityOf(board: Board): Activation {
  return {
    import: hasParser(board),
    enrich: board !== UNKNOWN_BOARD,
    analyse: board !== UNKNOWN_BOARD,
  };
}

/** A sender seen for the first time: every phase the product can do for its board is on. */
export function newSource(address: string): Source {
  const sender = normalizeSender(address);
  const board = detectBoard(sender);
  const available = availabilityOf(board);
  return { sender, board, activation: { ...available }, available };
}
