import { clampStars, MAX_STARS, MIN_STARS, STAR_STEP } from '../view/picked-movies.ts';

interface StarRatingProps {
  value: number;
  onChange: (stars: number) => void;
  /** Accessible name, e.g. "Your rating for Heat (1995)". */
  label: string;
}

/**
 * 0.5–5 stars in half steps as a WAI-ARIA slider: ←/↓ and →/↑ by half a star, Home/End for
 * the ends, digits 1–5 for whole stars; a click on the left or right half of a star sets it.
 */
export function StarRating({ value, onChange, label }: StarRatingProps) {
  const set = (stars: number) => {
    const next = clampStars(stars);
    if (next !== value) onChange(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    let next: number | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') next = value + STAR_STEP;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') next = value - STAR_STEP;
    else if (event.key === 'Home') next = MIN_STARS;
    else if (event.key === 'End') next = MAX_STARS;
    else if (/^[1-5]$/.test(event.key)) next = Number(event.key);
    if (next !== null) {
      event.preventDefault();
      set(next);
    }
  };
  const onClick = (event: MouseEvent) => {
    const star = (event.target as HTMLElement).closest<HTMLElement>('[data-star]');
    if (!star) return;
    const box = star.getBoundingClientRect();
    const half = event.clientX - box.left < box.width / 2;
    set(Number(star.dataset.star) - (half ? STAR_STEP : 0));
  };
  return (
    <span
      class="stars"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={MIN_STARS}
      aria-valuemax={MAX_STARS}
      aria-valuenow={value}
      aria-valuetext={`${value} of 5 stars`}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {[1, 2, 3, 4, 5].map((star) => {
        const fill = value >= star ? 'full' : value >= star - STAR_STEP ? 'half' : 'empty';
        return (
          <span key={star} class={`star star-${fill}`} data-star={star} aria-hidden="true">
            ★
          </span>
        );
      })}
      <span class="stars-value" aria-hidden="true">
        {value.toFixed(1)}
      </span>
    </span>
  );
}
