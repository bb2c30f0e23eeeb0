import { useId, useState } from 'preact/hooks';
import { navigate } from '../router.tsx';

/** Jump to a MovieLens user's recommendations and predicted ratings. */
export function KnownUserForm({ initial = '' }: { initial?: string }) {
  const id = useId();
  const [value, setValue] = useState(initial);
  const valid = /^\d{1,10}$/.test(value) && Number(value) >= 1;
  return (
    <form
      class="known-user"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) navigate(`/users/${Number(value)}`);
      }}
    >
      <label for={id}>Or see a MovieLens user's recommendations</label>
      <div class="field-row">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="User id, e.g. 1"
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" disabled={!valid}>
          Show
        </button>
      </div>
    </form>
  );
}
