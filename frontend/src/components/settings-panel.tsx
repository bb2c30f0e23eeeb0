import { useState } from 'preact/hooks';
import { hasBuildTmdbKey, saveTmdbKey, useTmdbKey } from '../state/tmdb.ts';

/** Optional TMDB API key for posters, kept in this browser's localStorage only. */
export function SettingsPanel() {
  const key = useTmdbKey();
  const [draft, setDraft] = useState('');
  return (
    <details class="settings">
      <summary>Settings</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          saveTmdbKey(draft);
          setDraft('');
        }}
      >
        <label for="tmdb-key">TMDB API key (for posters)</label>
        <div class="field-row">
          <input
            id="tmdb-key"
            type="password"
            autocomplete="off"
            value={draft}
            placeholder={key ? 'A key is set' : 'v3 key or v4 token'}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" disabled={draft.trim() === ''}>
            Save
          </button>
          {key && !hasBuildTmdbKey() && (
            <button type="button" onClick={() => saveTmdbKey(null)}>
              Remove
            </button>
          )}
        </div>
        <p class="hint">
          {key
            ? 'Posters are loaded from themoviedb.org.'
            : 'Without a key the app shows title cards and makes no requests outside this site.'}
        </p>
      </form>
    </details>
  );
}
