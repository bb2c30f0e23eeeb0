import type { TmdbConfig } from './tmdb-config.ts';

/**
 * The TMDB key: TMDB_API_KEY when set (local runs), else the secret TMDB_SECRET_ARN names, read
 * by `read`; undefined when neither is configured or the secret still holds the placeholder the
 * stack created it with (`{"placeholder":true,…}`: the operator has not put the key yet).
 */
export async function tmdbKey(
  config: Pick<TmdbConfig, 'key' | 'secretArn'>,
  read: (secretId: string) => Promise<string>,
): Promise<string | undefined> {
  if (config.key !== undefined) return config.key;
  if (config.secretArn === undefined) return undefined;
  const value = (await read(config.secretArn)).trim();
  if (value === '' || isPlaceholder(value)) return undefined;
  return value;
}

function isPlaceholder(value: string): boolean {
  if (!value.startsWith('{')) return false;
  try {
    return (JSON.parse(value) as { placeholder?: unknown }).placeholder === true;
  } catch {
    return false;
  }
}
