const BASE_ID = /^app[A-Za-z0-9]{14}$/;
const IN_URL = /(?:^|\/)(app[A-Za-z0-9]{14})(?:[/?#]|$)/;

/**
 * The base's `app…` id, as typed or found in a pasted address (https://airtable.com/appXXX/tblYYY/…),
 * or '' when there is none: the server then says what it expects.
 */
export function airtableBaseId(typed: string): string {
  const trimmed = typed.trim();
  if (BASE_ID.test(trimmed)) return trimmed;
  return IN_URL.exec(trimmed)?.[1] ?? '';
}
