/** Settings refused as a whole (nothing saved, nothing tried), with what to fix next to each field, by its path. */
export class InvalidSettingsError extends Error {
  constructor(
    readonly fields: Record<string, string>,
    message = 'Paramètres non enregistrés : corrigez les champs signalés.',
  ) {
    super(message);
  }
}
