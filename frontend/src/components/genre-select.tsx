import { useId } from 'preact/hooks';
import { GENRES } from '../view/genres.ts';

/** A labelled genre filter; '' means every genre. */
export function GenreSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (genre: string) => void;
}) {
  const id = useId();
  return (
    <span class="field-inline">
      <label for={id}>Genre</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">All genres</option>
        {GENRES.map((genre) => (
          <option key={genre} value={genre}>
            {genre}
          </option>
        ))}
      </select>
    </span>
  );
}
