import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, isAbort } from '../api/api-client.ts';
import type { SearchHit } from '../api/api-types.ts';
import { movieLabel } from '../view/format.ts';

interface MovieSearchProps {
  /** Accessible name of the input, e.g. "Search movies". */
  label: string;
  placeholder?: string;
  onPick: (movie: SearchHit) => void;
  /** Movie ids to mark as already picked in the list. */
  picked?: ReadonlySet<number>;
  /** Clear the input after a pick (Discover) or keep the picked title (comparison). */
  clearOnPick?: boolean;
  id?: string;
}

/** Waiting this long after the last keystroke keeps the API to about one query per word typed. */
const DEBOUNCE_MS = 120;

/**
 * As-you-type fuzzy title search following the WAI-ARIA combobox pattern (list autocomplete):
 * ↓/↑ move through the options, Enter picks, Escape closes (a second Escape clears), and the
 * active option is announced through aria-activedescendant while focus stays in the input.
 */
export function MovieSearch({
  label,
  placeholder,
  onPick,
  picked,
  clearOnPick = true,
  id,
}: MovieSearchProps) {
  const baseId = useId();
  const inputId = id ?? `${baseId}-input`;
  const listId = `${baseId}-list`;
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    setStatus('loading');
    const timer = setTimeout(() => {
      api.searchMovies(query, 8, controller.signal).then(
        (response) => {
          setHits(response.movies);
          setActive(response.movies.length > 0 ? 0 : -1);
          setStatus('idle');
        },
        (error: unknown) => {
          if (!isAbort(error)) setStatus('error');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const pick = (movie: SearchHit) => {
    onPick(movie);
    setOpen(false);
    setActive(-1);
    if (clearOnPick) {
      setText('');
      setHits([]);
    } else {
      setText(movieLabel(movie));
    }
    inputRef.current?.focus();
  };

  const expanded = open && text.trim().length >= 2 && (hits.length > 0 || status !== 'idle');

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (hits.length > 0) setActive((i) => (i + 1) % hits.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (hits.length > 0) setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
        break;
      case 'Enter': {
        const hit = expanded ? hits[active] : undefined;
        if (hit) {
          event.preventDefault();
          pick(hit);
        }
        break;
      }
      case 'Escape':
        if (expanded) setOpen(false);
        else setText('');
        break;
      default:
        break;
    }
  };

  const activeId = expanded && active >= 0 && hits[active] ? `${listId}-${active}` : undefined;
  return (
    <div class="search">
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        class="search-input"
        role="combobox"
        list={undefined}
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autocomplete="off"
        spellcheck={false}
        placeholder={placeholder}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: results`}
        class="search-list"
        hidden={!expanded}
      >
        {hits.map((hit, i) => (
          <li
            key={hit.movieId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'search-option active' : 'search-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(hit)}
            onMouseEnter={() => setActive(i)}
          >
            <span class="search-title">{movieLabel(hit)}</span>
            <span class="search-meta">
              {picked?.has(hit.movieId) ? 'picked · ' : ''}
              {hit.ratingCount.toLocaleString('en-US')} ratings
            </span>
          </li>
        ))}
        {hits.length === 0 && status === 'loading' && <li class="search-empty">Searching…</li>}
        {status === 'error' && <li class="search-empty">Search failed; try again.</li>}
      </ul>
      <div class="visually-hidden" aria-live="polite">
        {expanded && status === 'idle' ? `${hits.length} movies found` : ''}
      </div>
    </div>
  );
}
