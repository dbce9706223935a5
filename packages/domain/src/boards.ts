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
  'Ajout manuel',
  'Inconnu',
] as const;

export type Board = (typeof BOARDS)[number];

export const UNKNOWN_BOARD: Board = 'Inconnu';

/** Offers a person added by hand ("Ajouter une offre"): no alert, no parser, but read and analysed like the others. */
export const MANUAL_BOARD: Board = 'Ajout manuel';
