import { useState } from 'preact/hooks';
import { hasBuildTmdbKey, saveTmdbKey, useTmdbKey } from '../state/tmdb.ts';
import { ProfileSettings } from './profile-settings.tsx';

/**
 * The visitor's profile (while open), and an optional TMDB API key for posters, kept in this
 * browser's localStorage only.
 */
export function SettingsPanel() {
  const key = useTmdbKey();
  const [draft, setDraft] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <details class="settings" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Settings</summary>
      {open && <ProfileSettings />}
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
