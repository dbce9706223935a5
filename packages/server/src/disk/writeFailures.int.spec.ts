import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { attemptWrite, WriteFailedError, writeFailureOf, writeProblemOf } from './writeFailures';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: failed, write`), { code });
const sqlite = (code: string, message: string): Error => Object.assign(new Error(message), { code });

const write = { failed: "les offres de l'email « A » n'ont pas pu être enregistrées dans la base", kept: "l'email reste dans la boîte" };

describe('Write failures', () => {
  describe('Given an error from a write the disk refused', () => {
    it.each([
      [errno('ENOSPC'), 'full'],
      [errno('EDQUOT'), 'full'],
      [sqlite('SQLITE_FULL', 'database or disk is full'), 'full'],
      [errno('EACCES'), 'denied'],
      [errno('EPERM'), 'denied'],
      [sqlite('SQLITE_CANTOPEN', 'unable to open database file'), 'denied'],
      [errno('EROFS'), 'readonly'],
      [sqlite('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'), 'readonly'],
      [errno('EIO'), 'io'],
      [sqlite('SQLITE_IOERR_WRITE', 'disk I/O error'), 'io'],
      [new Error('database or disk is full'), 'full'],
      [new Error('wrapped', { cause: errno('ENOSPC') }), 'full'],
    ])('should tell %s as %s', (error, problem) => {
      expect(writeProblemOf(error)).toBe(problem);
    });

    it('should say in French what failed, that nothing is lost, and what to do', () => {
      expect(writeFailureOf(errno('ENOSPC'), write)?.message).toBe(
        "Disque plein : les offres de l'email « A » n'ont pas pu être enregistrées dans la base. Rien n'est perdu : l'email reste dans la boîte. Libérez de la place sur le disque, puis relancez.",
      );
      expect(writeFailureOf(errno('EROFS'), write)?.message).toMatch(/^Disque en lecture seule : .* Remettez le disque en écriture/);
      expect(writeFailureOf(errno('EACCES'), write)?.message).toMatch(/^Écriture refusée sur le disque : .* droits sur le dossier de données/);
      expect(writeFailureOf(errno('EIO'), write)?.message).toMatch(/^Erreur d'écriture sur le disque : /);
    });
  });

  describe('Given any other error', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'veille-writes-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should leave it as it is: the item fails on its own and the run goes on', async () => {
      const notAFile = await writeFile(dir, 'x').catch((error: unknown) => error);
      const noFolder = await writeFile(path.join(dir, 'absent', 'x'), 'x').catch((error: unknown) => error);

      for (const error of [
        notAFile,
        noFolder,
        new Error('Offre inconnue : rec1'),
        sqlite('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'),
        'texte',
        null,
      ]) {
        expect(writeFailureOf(error, write)).toBeUndefined();
      }
      await expect(attemptWrite(write, () => Promise.reject(noFolder as Error))).rejects.toBe(noFolder);
    });

    it('should pass a successful write through and turn a refused one into a WriteFailedError', async () => {
      await expect(attemptWrite(write, () => Promise.resolve(3))).resolves.toBe(3);
      await expect(attemptWrite(write, () => Promise.reject(errno('ENOSPC')))).rejects.toBeInstanceOf(WriteFailedError);
    });
  });
});
