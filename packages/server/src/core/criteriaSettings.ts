import type { Analyser } from '@veille/domain';
import { DEFAULT_CRITERIA, parseCriteria, saveCriteria, type Criteria, type CriteriaFile } from '../criteria/criteria';
import { attemptWrite, WriteFailedError } from '../disk/writeFailures';
import { UnavailableError } from '../errors';
import type { CriteriaSettings } from '../ports';

export type CriteriaSettingsDeps = {
  readonly file: string;
  readonly initial: CriteriaFile;
  readonly build: (criteria: Criteria) => Analyser;
  /** A save the disk refused: the run stops too, since its own writes would fail next. */
  readonly onWriteFailed: (failure: WriteFailedError) => void;
};

const SAVE = {
  failed: "les critères n'ont pas pu être enregistrés",
  kept: 'le fichier de critères garde sa version précédente',
};

/**
 * The user's criteria as the settings page edits them, and the analyser that follows them: a
 * new analyser is built from each saved version, so an analysis never mixes two versions.
 *
 * While the file on disk is broken, phase 3 does not run at all rather than scoring with
 * criteria that are not the user's: such scores would be stored (`À traiter`) and never redone
 * once the file is fixed, whereas offers left `À analyser` are analysed by the next run.
 */
export function criteriaSettings({ file, initial, build, onWriteFailed }: CriteriaSettingsDeps): {
  settings: CriteriaSettings;
  analyser: Analyser;
  /** Another analyser was chosen in the settings: it is built on the criteria in use, for the next offer on. */
  rebuild: () => void;
} {
  let state = initial;
  // Built on the defaults while the file is broken only for its label: it is not called until a save.
  let current = build(initial.valid ? initial.criteria : DEFAULT_CRITERIA);
  // One save at a time, in the order they came: the file and the analyser always end on the last one.
  let saving: Promise<unknown> = Promise.resolve();

  const save = (next: Criteria): Promise<void> =>
    attemptWrite(SAVE, () => saveCriteria(file, next)).then(
      () => {
        state = { valid: true, criteria: next };
        current = build(next);
      },
      (error: unknown) => {
        if (error instanceof WriteFailedError) onWriteFailed(error);
        throw error;
      },
    );

  return {
    settings: {
      current: () => state,
      update: async (json) => {
        const next = parseCriteria(json);
        const turn = saving.then(() => save(next));
        saving = turn.catch(() => undefined);
        await turn;
        return next;
      },
    },
    rebuild: () => {
      current = build(state.valid ? state.criteria : DEFAULT_CRITERIA);
    },
    analyser: {
      get label() {
        return current.label;
      },
      // No batch while the criteria file is broken, as no call: the offers stay to analyse.
      get batches() {
        return state.valid ? current.batches : undefined;
      },
      analyse: async (offer) => {
        if (!state.valid) {
          throw new UnavailableError(
            `Analyse suspendue : ${state.error}\nCorrigez les critères dans la page (« Critères d'analyse ») : les offres restent « À analyser » d'ici là.`,
          );
        }
        return current.analyse(offer);
      },
    },
  };
}
