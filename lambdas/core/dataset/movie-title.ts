/**
 * MovieLens titles carry the release year at the end: "Toy Story (1995)". TV series carry a range,
 * "Babylon 5 (1994–1998)" or open "Show (2006– )"; their year is the first year. Titles without a
 * year keep their full text and get year null. Alternative titles in parentheses before the year,
 * "Cité des enfants perdus, La (City of Lost Children, The) (1995)", stay in the title.
 */
const TRAILING_YEAR = /\s*\((\d{4})(?:\s*[–-]\s*(?:\d{4})?\s*)?\)\s*$/;

export function parseTitle(raw: string): { title: string; year: number | null } {
  const trimmed = raw.trim();
  const match = TRAILING_YEAR.exec(trimmed);
  if (match === null || match.index === 0) return { title: trimmed, year: null };
  return { title: trimmed.slice(0, match.index), year: Number(match[1]) };
}

/** ml-100k and ml-1m say "Children's", the later sets "Children"; "(no genres listed)" is no genre. */
export function parseGenres(raw: string): string[] {
  if (raw === '' || raw === '(no genres listed)') return [];
  return raw.split('|').map(normaliseGenre);
}

export const normaliseGenre = (genre: string): string =>
  genre === "Children's" ? 'Children' : genre;
