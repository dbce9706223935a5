import { AirtableRequestError } from './client';
import type { Fields } from './records';
import { OFFER_FIELDS } from './schema';

/** Fields Veille added after bases were first prepared: "Préparer / vérifier la base" creates them. */
const LATER_FIELDS: readonly string[] = [OFFER_FIELDS.canonical, OFFER_FIELDS.duplicateOf];

const namesLaterField = (error: unknown): boolean =>
  error instanceof AirtableRequestError && error.type === 'UNKNOWN_FIELD_NAME' && LATER_FIELDS.some((name) => error.message.includes(`"${name}"`));

/**
 * A base prepared before those fields existed keeps working without them: a request Airtable
 * refuses for naming one is sent once more without them, and they are left out until the next
 * load (which tries them again, so a base prepared meanwhile gets them).
 */
export function laterFields() {
  let absent = false;
  return {
    /** The field names to list, without those the base lacks. */
    names: (names: readonly string[]): string[] => (absent ? names.filter((name) => !LATER_FIELDS.includes(name)) : [...names]),
    /** The cells to write, without those the base lacks. */
    cells: (fields: Fields): Fields => (absent ? Object.fromEntries(Object.entries(fields).filter(([name]) => !LATER_FIELDS.includes(name))) : fields),
    /** Runs a request built from `names`/`cells`; refused for a later field, runs it again without them. */
    tolerate: async <T>(request: () => Promise<T>): Promise<T> => {
      try {
        return await request();
      } catch (error) {
        if (absent || !namesLaterField(error)) throw error;
        absent = true;
        return request();
      }
    },
    /** A new load asks for them again. */
    retry: (): void => {
      absent = false;
    },
  };
}
