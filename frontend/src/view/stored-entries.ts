/**
 * The objects of a JSON array read back from localStorage; anything else (missing, not JSON, not
 * an array, entries that are not objects) gives none rather than breaking the page. Callers then
 * check each entry's fields.
 */
export function storedEntries(json: string | null): Record<string, unknown>[] {
  if (json === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter(
    (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
  );
}
