import { mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { normalizeSender, type Mailbox, type MailRef } from '@veille/domain';

const HEADER_BYTES = 64 * 1024;

/** Unfolds the header block and reads one field (RFC 5322 folding: a line starting with blank continues). */
const headerField = (head: string, name: string): string => {
  const block = head.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = block.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
};

const addressOf = (from: string): string => {
  const bracketed = /<([^>]+)>/.exec(from);
  const bare = /[^\s<>"]+@[^\s<>"]+/.exec(from);
  return normalizeSender(bracketed?.[1] ?? bare?.[0] ?? '');
};

/** Decodes an RFC 2047 encoded-word subject (=?utf-8?B?…?= / =?utf-8?Q?…?=) for display. */
const decodeWords = (value: string): string =>
  value.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g, (_match, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))), 'latin1').toString('utf8'),
  );

const readHead = async (file: string): Promise<string> => {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
};

const safeName = (id: string): string => {
  if (id !== path.basename(id) || id.includes('..')) throw new Error(`Identifiant d'email invalide : ${id}`);
  return id;
};

const freeName = async (dir: string, name: string): Promise<string> => {
  const { name: stem, ext } = path.parse(name);
  for (let index = 0; ; index += 1) {
    const candidate = index === 0 ? name : `${stem}-${index}${ext}`;
    const exists = await stat(path.join(dir, candidate)).then(() => true, () => false);
    if (!exists) return candidate;
  }
};

/** The embedded mailbox: `.eml` files in a folder, archived into its `archive/` sub-folder. */
export const createFolderMailbox = (dir: string): Mailbox => ({
  audit: async () => {
    const entries = await readdir(dir, { withFileTypes: true });
    const names = entries.filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.eml')).map((entry) => entry.name).sort();
    const refs: MailRef[] = [];
    for (const name of names) {
      const head = await readHead(path.join(dir, name));
      // A file with no usable From still counts as waiting, under an empty sender, so the user sees it.
      refs.push({ id: name, sender: addressOf(decodeWords(headerField(head, 'From'))), subject: decodeWords(headerField(head, 'Subject')) });
    }
    return refs;
  },
  read: async (id) => new Uint8Array(await readFile(path.join(dir, safeName(id)))),
  archive: async (id) => {
    const archive = path.join(dir, 'archive');
    await mkdir(archive, { recursive: true });
    await rename(path.join(dir, safeName(id)), path.join(archive, await freeName(archive, id)));
  },
  close: async () => undefined,
});
