import type { Dirent } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, readlink, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { normalizeSender, type Mailbox, type MailRef } from '@veille/domain';
import { simpleParser } from 'mailparser';
import { MAX_EMAIL_BYTES, tooLarge } from '../../mail/decode';
import { watchMailFolder } from './watch';

/** Headers beyond this are not an alert's: the audit stops reading there. */
const HEADER_BYTES = 64 * 1024;
const CHUNK_BYTES = 4 * 1024;
const BLANK_LINE = /\r?\n\r?\n/;

/** The header block of a message: read chunk by chunk up to the first blank line, never the body. */
const readHeaderBlock = async (file: string): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    let head = Buffer.alloc(0);
    while (head.length < HEADER_BYTES) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, head.length);
      if (bytesRead === 0) break;
      head = Buffer.concat([head, chunk.subarray(0, bytesRead)]);
      const end = BLANK_LINE.exec(head.toString('latin1'));
      if (end) return head.subarray(0, end.index);
    }
    return head;
  } finally {
    await handle.close();
  }
};

/**
 * From and Subject as the user reads them (encoded words, folded lines, charsets), by the same
 * parser as the body. A missing or unreadable From gives sender '': the email still counts as
 * waiting, under no source, so the user sees it rather than it vanishing from the counts.
 */
const refOf = async (file: string, id: string): Promise<MailRef> => {
  const head = await readHeaderBlock(file);
  const parsed = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), { skipTextToHtml: true, skipHtmlToText: true });
  return { id, sender: normalizeSender(parsed.from?.value[0]?.address ?? ''), subject: parsed.subject ?? '' };
};

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;
const isMissing = (error: unknown): boolean => errorCode(error) === 'ENOENT';

/** Ids are bare file names of this folder (`offre..eml` is one): nothing that could reach outside it. */
const fileOf = (dir: string, id: string): string => {
  const file = path.resolve(dir, id);
  if (!id || id.includes('\0') || /[/\\]/.test(id) || path.dirname(file) !== path.resolve(dir)) {
    throw new Error(`Identifiant d'email invalide : ${id}`);
  }
  return file;
};

/** Where an email's bytes are, or why the mailbox will not touch them. */
type Entry = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'refused'; readonly reason: string };

const refused = (reason: string): Entry => ({ kind: 'refused', reason });

/**
 * A symbolic link is followed only to a file inside the folder: a link elsewhere would let
 * whoever can drop a file in the mailbox have Veille read any file of the machine.
 */
const followLink = async (dir: string, link: string): Promise<Entry> => {
  let target: string;
  try {
    target = await realpath(link);
  } catch (error) {
    if (isMissing(error)) return refused(`Lien symbolique cassé : ${await readlink(link)} n'existe pas.`);
    if (errorCode(error) === 'ELOOP') return refused('Lien symbolique en boucle.');
    throw error;
  }
  const root = await realpath(dir);
  if (!target.startsWith(`${root}${path.sep}`)) return refused(`Lien symbolique vers ${target}, hors de la boîte aux lettres : refusé.`);
  if (!(await stat(target)).isFile()) return refused(`Lien symbolique vers ${target}, qui n'est pas un fichier.`);
  return { kind: 'file', file: target };
};

const entryOf = async (dir: string, id: string, listed?: Dirent): Promise<Entry> => {
  const file = fileOf(dir, id);
  if (listed?.isFile()) return { kind: 'file', file };
  const info = await lstat(file);
  if (info.isSymbolicLink()) return followLink(dir, file);
  return info.isFile() ? { kind: 'file', file } : refused(`${id} n'est pas un fichier.`);
};

const fileToRead = async (dir: string, id: string): Promise<string> => {
  const entry = await entryOf(dir, id);
  if (entry.kind === 'refused') throw new Error(entry.reason);
  return entry.file;
};

/**
 * Hard-links under a free name (EEXIST when taken, so nothing is ever overwritten), then drops the
 * mailbox's name. For a link, the archive gets the file it leads to, which stays where it is.
 */
const moveWithoutOverwrite = async (name: string, source: string, file: string, folder: string): Promise<void> => {
  const { name: stem, ext } = path.parse(name);
  for (let index = 0; ; index += 1) {
    const target = path.join(folder, index === 0 ? `${stem}${ext}` : `${stem}-${index}${ext}`);
    try {
      await link(source, target);
      break;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  await unlink(file);
};

/** Archived files by the name they had in the mailbox: `a.eml` is archived as `a.eml`, `a-1.eml`… */
const archivedByName = async (archive: string): Promise<Map<string, string[]>> => {
  const names = await readdir(archive).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const byName = new Map<string, string[]>();
  const add = (original: string, archived: string): void => {
    byName.set(original, [...(byName.get(original) ?? []), path.join(archive, archived)]);
  };
  for (const name of names) {
    add(name, name);
    const { name: stem, ext } = path.parse(name);
    const numbered = /^(.+)-\d+$/.exec(stem);
    if (numbered) add(`${numbered[1]}${ext}`, name);
  }
  return byName;
};

/** The same email: one file under two names (a hard link), or the same bytes. */
const sameEmail = async (file: string, archived: string): Promise<boolean> => {
  const [mine, theirs] = await Promise.all([stat(file), stat(archived).catch(() => undefined)]);
  if (!theirs) return false;
  if (mine.dev === theirs.dev && mine.ino === theirs.ino) return true;
  if (mine.size !== theirs.size || mine.size > MAX_EMAIL_BYTES) return false;
  const [a, b] = await Promise.all([readFile(file), readFile(archived)]);
  return a.equals(b);
};

const isArchived = async (file: string, candidates: readonly string[]): Promise<boolean> => {
  for (const candidate of candidates) if (await sameEmail(file, candidate)) return true;
  return false;
};

/** The embedded mailbox: the `.eml` files directly in a folder, archived into its `archive/` sub-folder. */
export function createFolderMailbox(dir: string): Mailbox {
  return {
    audit: async () => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
        throw isMissing(error) ? new Error(`Dossier de la boîte aux lettres introuvable : ${dir}`) : error;
      });
      const listed = entries
        .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.eml'))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const archived = await archivedByName(path.join(dir, 'archive'));
      const refs: MailRef[] = [];
      for (const dirent of listed) {
        const { name } = dirent;
        try {
          const entry = await entryOf(dir, name, dirent);
          if (entry.kind === 'refused') {
            refs.push({ id: name, sender: '', subject: '', refused: entry.reason });
          } else if (await isArchived(entry.file, archived.get(name) ?? [])) {
            // A move cut by a crash between its link and its unlink: finishing it is all that is left.
            // Should the unlink fail, the email still counts once: the next audit tries again.
            await unlink(fileOf(dir, name)).catch(() => undefined);
          } else {
            refs.push(await refOf(entry.file, name));
          }
        } catch (error) {
          // Archived by a phase between the listing and the read: no longer waiting.
          if (!isMissing(error)) throw error;
        }
      }
      return refs;
    },
    read: async (id) => {
      const file = await fileToRead(dir, id);
      const { size } = await stat(file);
      if (size > MAX_EMAIL_BYTES) throw tooLarge(size);
      return new Uint8Array(await readFile(file));
    },
    archive: async (id) => {
      const source = await fileToRead(dir, id);
      const archive = path.join(dir, 'archive');
      // Not `recursive`: on a read-only disk Node's recursive mkdir says ENOENT instead of EROFS.
      await mkdir(archive).catch((error: unknown) => {
        if (errorCode(error) !== 'EEXIST') throw error;
      });
      await moveWithoutOverwrite(id, source, fileOf(dir, id), archive);
    },
    watch: (listener) => watchMailFolder(dir, listener),
    close: () => Promise.resolve(),
  };
}
