/** The mailbox or the store cannot be reached at all: the phase stops, instead of failing every item. */
export class UnavailableError extends Error {}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Removes every configured secret from a text that may reach a log, a response or an event. */
export const redact = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((clean, secret) => (secret ? clean.split(secret).join('***') : clean), text);
