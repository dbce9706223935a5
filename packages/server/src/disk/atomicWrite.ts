import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const tempPrefix = (file: string): string => `.${path.basename(file)}.`;

const syncDirectory = async (dir: string): Promise<void> => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/**
 * Replaces a file in one step: a temp file of its own (two writers never share one), flushed to
 * the disk, renamed over the file, then the directory flushed so the rename survives a power cut.
 * On any failure the temp file goes and the old file stays as it was. `mode` is the file's from
 * its creation (0600 for a file of secrets): it is never readable by others, not even for a moment.
 */
export async function writeFileAtomically(file: string, text: string, mode?: number): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${tempPrefix(file)}${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // The write's own error is the one to report, not a failed clean-up's.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Temp files of this file that a killed process left behind: nothing reads them, they only take space. */
export function removeLeftoverTemps(file: string): void {
  const dir = path.dirname(file);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(tempPrefix(file)) && name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true });
  }
}
