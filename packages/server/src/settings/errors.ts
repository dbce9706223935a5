/** A PUT of the settings refused as a whole (nothing saved), with what to fix next to each field, by its path. */
export class InvalidSettingsError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('Paramètres non enregistrés : corrigez les champs signalés.');
  }
}
