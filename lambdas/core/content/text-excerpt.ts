/**
 * The first at most `limit` characters of `text` with its whitespace collapsed, cut at the last
 * word boundary inside the limit and "…" appended when anything was cut (so a cut excerpt is at
 * most limit + 1 characters). A single word longer than the limit is cut inside it. Characters
 * are UTF-16 code units; a cut never splits a surrogate pair.
 */
export function textExcerpt(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  let cut = flat.lastIndexOf(' ', limit);
  if (cut <= 0) {
    cut = limit;
    const code = flat.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
  }
  return `${flat.slice(0, cut).replace(/[\s,;:.!?-]+$/, '')}…`;
}
