/** Why a write failed, as far as the user's fix goes: each needs a different one. */
export type WriteProblem = 'full' | 'denied' | 'readonly' | 'io';

const BY_ERRNO: Readonly<Record<string, WriteProblem>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'readonly',
  EIO: 'io',
};

// SQLite reports the disk through its own codes (extended ones too: SQLITE_IOERR_WRITE…).
const BY_SQLITE_CODE: readonly (readonly [RegExp, WriteProblem])[] = [
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_READONLY/, 'readonly'],
  [/^SQLITE_(PERM|CANTOPEN)/, 'denied'],
  [/^SQLITE_IOERR/, 'io'],
];

const BY_SQLITE_MESSAGE: readonly (readonly [RegExp, WriteProblem])[] = [
  [/database or disk is full/i, 'full'],
  [/attempt to write a readonly database/i, 'readonly'],
  [/disk I\/O error/i, 'io'],
];

const HEADLINE: Readonly<Record<WriteProblem, string>> = {
  full: 'Disque plein',
  denied: 'Écriture refusée sur le disque',
  readonly: 'Disque en lecture seule',
  io: "Erreur d'écriture sur le disque",
};

const ADVICE: Readonly<Record<WriteProblem, string>> = {
  full: 'Libérez de la place sur le disque, puis relancez.',
  denied: 'Vérifiez les droits sur le dossier de données (DATA_DIR), puis relancez.',
  readonly: 'Remettez le disque en écriture, puis relancez.',
  io: 'Vérifiez le disque, puis relancez.',
};

/** A write that failed for a reason no retry of the next item would fix: the run stops on it. */
export class WriteFailedError extends Error {
  /** "Disque plein", "Disque en lecture seule"…: the message's first words. */
  readonly headline: string;

  constructor(
    readonly problem: WriteProblem,
    message: string,
  ) {
    super(message);
    this.headline = HEADLINE[problem];
  }
}

const problemOfOne = (error: unknown): WriteProblem | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const problem = BY_ERRNO[code] ?? BY_SQLITE_CODE.find(([pattern]) => pattern.test(code))?.[1];
    if (problem) return problem;
  }
  return typeof message === 'string' ? BY_SQLITE_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] : undefined;
};

/** Whether an error says the disk refused a write, and how (its cause is looked at too). */
export function writeProblemOf(error: unknown): WriteProblem | undefined {
  return problemOfOne(error) ?? problemOfOne((error as { cause?: unknown } | null)?.cause);
}

/** What could not be written, and what is safe anyway: both are said to the user. */
export type Write = {
  /** e.g. "les offres de l'email « X » n'ont pas pu être enregistrées dans la base" */
  readonly failed: string;
  /** e.g. "l'email reste dans la boîte et sera importé au prochain lancement" */
  readonly kept: string;
};

/** The error to stop on when the disk refused this write, else undefined. */
export function writeFailureOf(error: unknown, write: Write): WriteFailedError | undefined {
  if (error instanceof WriteFailedError) return error;
  const problem = writeProblemOf(error);
  if (!problem) return undefined;
  return new WriteFailedError(problem, `${HEADLINE[problem]} : ${write.failed}. Rien n'est perdu : ${write.kept}. ${ADVICE[problem]}`);
}

/** Runs a write; a refusal of the disk comes out as a WriteFailedError that says what and how. */
export async function attemptWrite<T>(write: Write, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw writeFailureOf(error, write) ?? error;
  }
}
