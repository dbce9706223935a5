/** The one line of feedback the page gives after a button was pressed or a run ended. */
export type Notice = { readonly text: string; readonly tone: 'info' | 'error' };

export const NO_NOTICE: Notice = { text: '', tone: 'info' };
