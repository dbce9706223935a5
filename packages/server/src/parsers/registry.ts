import { UNKNOWN_BOARD, type AlertParser, type Board } from '@veille/domain';
import { BOARD_PARSERS } from './boards';

/** Sender domains of each board's alerts, also for boards Veille has no parser for yet. */
const SENDERS: [RegExp, Board][] = [
  [/@(\w+\.)*linkedin\.com$/, 'LinkedIn'],
  [/@(\w+\.)*hellowork\.com$/, 'HelloWork'],
  [/@(\w+\.)*welcometothejungle\.com$/, 'Welcome to the Jungle'],
  [/@(\w+\.)*makesense\.org$/, 'Jobs That Make Sense'],
  [/@(\w+\.)*cadremploi\.fr$/, 'Cadremploi'],
  [/@(\w+\.)*indeed\.com$/, 'Indeed'],
  [/@(\w+\.)*glassdoor\.(com|fr)$/, 'Glassdoor'],
  [/@(\w+\.)*monster\.(com|fr)$/, 'Monster'],
  [/@(\w+\.)*(francetravail|pole-emploi)\.fr$/, 'France Travail'],
];

export const PARSERS: readonly AlertParser[] = BOARD_PARSERS;

export const detectBoard = (sender: string): Board =>
  SENDERS.find(([pattern]) => pattern.test(sender.toLowerCase()))?.[1] ?? UNKNOWN_BOARD;

export const parserFor = (board: Board): AlertParser | undefined => PARSERS.find((candidate) => candidate.board === board);

export const hasParser = (board: Board): boolean => parserFor(board) !== undefined;
