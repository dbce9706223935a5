import { link, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { normalizeSender, type Mailbox, type MailRef } from '@veille/domain';
import { simpleParser } from 'mailparser';
import { MAX_EMAIL_BYTES, tooLarge } from '../../mail/decode';

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
const refOf = async (dir: string, name: string): Promise<MailRef> => {
  const head = await readHeaderBlock(path.join(dir, name));
  const parsed = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), { skipTextToHtml: true, skipHtmlToText: true });
  return { id: name, sender: normalizeSender(parsed.from?.value[0]?.address ?? ''), subject: parsed.subject ?? '' };
};

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Ids are bare file names of this folder: nothing that could reach outside it. */
const fileOf = (dir: string, id: string): string => {
  if (!id || id.includes('/') || id.includes('\\') || id.includes('..') || id !== path.basename(id)) {
    throw new Error(`Identifiant d'email invalide : ${id}`);
  }
  return path.join(dir, id);
};

/** Hard-links under a free name (EEXIST when taken, so nothing is ever overwritten), then drops the original. */
const moveWithoutOverwrite = async (file: string, folder: string): Promise<void> => {
  const { name, ext } = path.parse(file);
  for (let index = 0; ; index += 1) {
    const target = path.join(folder, index === 0 ? `${name}${ext}` : `${name}-${index}${ext}`);
    try {
      await link(file, target);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  await unlink(file);
};

/** The embedded mailbox: the `.eml` files directly in a folder, archived into its `archive/` sub-folder. */
export const createFolderMailbox = (dir: string): Mailbox => ({
  audit: async () => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      throw isMissing(error) ? new Error(`Dossier de la boîte aux lettres introuvable : ${dir}`) : error;
    });
    const names = entries
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.eml'))
      .map((entry) => entry.name)
      .sort();
    const refs: MailRef[] = [];
    for (const name of names) {
      try {
        refs.push(await refOf(dir, name));
      } catch (error) {
        // Archived by a phase between the listing and the read: no longer waiting.
        if (!isMissing(error)) throw error;
      }
    }
    return refs;
  },
  read: async (id) => {
    const file = fileOf(dir, id);
    const { size } = await stat(file);
    if (size > MAX_EMAIL_BYTES) throw tooLarge(size);
    return new Uint8Array(await readFile(file));
  },
  archive: async (id) => {
    const file = fileOf(dir, id);
    const archive = path.join(dir, 'archive');
    await mkdir(archive, { recursive: true });
    await moveWithoutOverwrite(file, archive);
  },
  close: async () => undefined,
});
