import type { Status } from '@veille/domain';
import { ACTIONS } from './actions';

export type KeyCommand =
  | { readonly kind: 'move'; readonly by: 1 | -1 }
  | { readonly kind: 'visit' | 'select' | 'detail' | 'close' | 'help' }
  | { readonly kind: 'status'; readonly status: Status };

const BY_KEY = new Map<string, KeyCommand>([
  ['j', { kind: 'move', by: 1 }],
  ['k', { kind: 'move', by: -1 }],
  ['o', { kind: 'visit' }],
  ['x', { kind: 'select' }],
  ['Enter', { kind: 'detail' }],
  ['Escape', { kind: 'close' }],
  ['?', { kind: 'help' }],
  ...ACTIONS.flatMap((action) => (action.key ? [[action.key, { kind: 'status', status: action.status }] as const] : [])),
]);

/** The workspace's keys, as the help dialog lists them. */
export const KEYS: readonly { readonly key: string; readonly does: string }[] = [
  { key: 'j', does: 'Offre suivante' },
  { key: 'k', does: 'Offre précédente' },
  { key: 'o', does: "Ouvrir la page de l'offre (nouvel onglet)" },
  { key: 'x', does: "Sélectionner l'offre, ou la désélectionner" },
  ...ACTIONS.filter((action) => action.key).map((action) => ({ key: action.key ?? '', does: `Passer en « ${action.label} »` })),
  { key: 'Entrée', does: "Afficher le détail de l'offre" },
  { key: 'Échap', does: 'Fermer le détail' },
  { key: '?', does: 'Cette aide' },
];

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** A key typed into a field is text (or picks an option), never a command; a checkbox takes no letters. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The workspace command a key press asks for, if any. Keys held with Ctrl, Alt or ⌘ belong to the
 * browser; Entrée on a button or a link is that button's or link's.
 */
export function commandOf(event: KeyboardEvent): KeyCommand | undefined {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return undefined;
  if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('a, button')) return undefined;
  return BY_KEY.get(event.key);
}
