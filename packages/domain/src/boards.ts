export const BOARDS = [
  'LinkedIn',
  'HelloWork',
  'Welcome to the Jungle',
  'Jobs That Make Sense',
  'Cadremploi',
  'Indeed',
  'Glassdoor',
  'Monster',
  'France Travail',
  'Inconnu',
] as const;

export type Board = (typeof BOARDS)[number];

export const UNKNOWN_BOARD: Board = 'Inconnu';
