/** The mailbox or the store cannot be reached at all: the phase stops, instead of failing every item. */
export class UnavailableError extends Error {}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Removes every configured secret from a text that may reach a log, a response or an event. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((clean, secret) => (secret ? clean.split(secret).join('***') : clean), text);
}
