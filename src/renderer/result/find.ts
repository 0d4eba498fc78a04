/** Find in a result: which turns match, and where the marks go (the field is ./FindField). */

/** Whether a turn matches: its words or its speaker's name contain the query (case aside). */
export function matchesQuery(query: string, ...texts: (string | undefined)[]): boolean {
  const wanted = query.trim().toLocaleLowerCase();
  return wanted !== '' && texts.some((text) => text?.toLocaleLowerCase().includes(wanted));
}

/** `text` cut around each occurrence of `query` (case aside), to mark them. */
export function highlightParts(text: string, query: string): { text: string; match: boolean }[] {
  const wanted = query.trim().toLocaleLowerCase();
  if (!wanted) return [{ text, match: false }];
  const lower = text.toLocaleLowerCase();
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + wanted.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + wanted.length), match: true });
    from = at + wanted.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}
