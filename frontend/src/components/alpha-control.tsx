import { useId } from 'preact/hooks';

/**
 * The hybrid blend as a labelled range input: 1 collaborative only (what people who rated the
 * same films liked), 0 content only (genres, tags, year). `value` null means the list's own
 * default; the slider then sits at `fallback`. The readout says the split in words.
 */
export function AlphaControl({
  value,
  fallback,
  onChange,
  disabled = false,
}: {
  value: number | null;
  fallback: number;
  onChange: (alpha: number | null) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const shown = value ?? fallback;
  const split = `${Math.round(shown * 100)}% collaborative, ${Math.round((1 - shown) * 100)}% content`;
  return (
    <span class="field-inline alpha-control">
      <label for={id}>Collaborative ↔ content</label>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.1}
        value={shown}
        disabled={disabled}
        aria-valuetext={value === null ? `default: ${split}` : split}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      />
      <output for={id}>{value === null ? 'default' : split}</output>
      {value !== null && (
        <button type="button" class="link-button" onClick={() => onChange(null)}>
          Reset
        </button>
      )}
    </span>
  );
}
