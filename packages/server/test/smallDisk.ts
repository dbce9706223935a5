import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Mounting a tmpfs needs root: without it a laptop skips loudly; CI never skips, it fails instead. */
export function smallDiskAvailable(): boolean {
  if (process.getuid?.() === 0 || process.env.CI) return true;
  console.warn('\n*** Full-disk tests SKIPPED: mounting a small tmpfs needs root (run the tests as root, or under CI) ***\n');
  return false;
}

export type SmallDisk = {
  readonly dir: string;
  /** Writes a filler file until the disk answers ENOSPC: the next write of anyone fails. */
  fill(): void;
  /** Deletes the filler: the space is back. */
  free(): void;
  /** Remounts it read-only (no file may be open for writing on it) or writable again. */
  readOnly(on: boolean): void;
  unmount(): void;
};

const FILLER = '.filler';

const writeUntilFull = (fd: number, chunk: Buffer): void => {
  for (;;) {
    try {
      writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
};

/** A real disk of a few megabytes that a test fills to the last byte, then frees; `at` an empty folder to mount it on. */
export function mountSmallDisk(megabytes = 8, at?: string): SmallDisk {
  const dir = at ?? mkdtempSync(path.join(os.tmpdir(), 'veille-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0755`, 'tmpfs', dir]);
  const filler = path.join(dir, FILLER);
  return {
    dir,
    fill: () => {
      const fd = openSync(filler, 'a');
      try {
        // Big chunks first, then ever smaller ones, so the last free byte is taken too.
        for (const size of [1 << 20, 4096, 1]) writeUntilFull(fd, Buffer.alloc(size, 0x78));
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    readOnly: (on) => execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir]),
    unmount: () => {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' });
      } catch {
        // A file still open (a process being killed) keeps it busy: detach now, the kernel frees it later.
        execFileSync('umount', ['-l', dir]);
      }
      if (!at) rmSync(dir, { recursive: true, force: true });
    },
  };
}
