const LINES = 12;
const CHARACTERS = 1_200;

/** The start of an offer's text, enough to recognise it: its first non-blank lines, cut at a word. */
export function firstLines(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const head = lines.slice(0, LINES).join('\n');
  if (head.length <= CHARACTERS && lines.length <= LINES) return head;
  const cut = head.slice(0, CHARACTERS);
  const end = head.length > CHARACTERS ? cut.lastIndexOf(' ') : -1;
  return `${end > 0 ? cut.slice(0, end) : cut}…`;
}
