import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isAbort } from '../api/api-client.ts';
import type { ProfileResponse } from '../api/api-types.ts';
import { forgetMe, signIn, useProfile } from '../state/profile-store.ts';
import { formatCount } from '../view/format.ts';
import { signInLink } from '../view/profile-sign-in.ts';

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The visitor's profile: its id, ratings and age; the sign-in link and code that open it on
 * another device; a sign-in code from elsewhere; and "forget me", which deletes it. Rendered
 * only while the settings are open, so the profile is read only when someone looks.
 */
export function ProfileSettings() {
  const { credentials, picks, sync } = useProfile();
  const [info, setInfo] = useState<ProfileResponse | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [code, setCode] = useState('');
  const [working, setWorking] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const profileId = credentials?.profileId;

  useEffect(() => {
    setInfo(null);
    setRevealed(false);
    setConfirming(false);
  }, [profileId]);

  // Read again once a change of the rating count is saved (the count shown is the server's).
  const saved = sync === 'saved';
  useEffect(() => {
    if (credentials === null || !saved) return;
    const controller = new AbortController();
    api.profile(credentials, controller.signal).then(setInfo, (error: unknown) => {
      if (!isAbort(error)) setFailure(`Could not read the profile: ${errorText(error)}`);
    });
    return () => controller.abort();
  }, [profileId, saved, picks.length]);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const run = async (action: () => Promise<string>) => {
    setWorking(true);
    setFailure(null);
    setMessage('');
    try {
      setMessage(await action());
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setWorking(false);
    }
  };

  const copy = (text: string, what: string) =>
    run(() =>
      Promise.resolve()
        .then(() => navigator.clipboard.writeText(text))
        .then(
          () => `Copied the ${what}.`,
          () => {
            setRevealed(true);
            return `This browser does not let the page copy: select the ${what} below and copy it.`;
          },
        ),
    );

  return (
    <section class="profile-settings" aria-labelledby="profile-heading">
      <h2 id="profile-heading" ref={heading} tabIndex={-1}>
        Your profile
      </h2>
      {credentials === null ? (
        <p class="hint">No profile yet: your first pick on Discover creates one.</p>
      ) : (
        <>
          <dl class="profile-facts">
            <dt>Profile id</dt>
            <dd>
              <code>{credentials.profileId}</code>
            </dd>
            <dt>Ratings</dt>
            <dd data-rating-count={info?.ratingCount}>
              {info
                ? `${formatCount(info.ratingCount)} (at most ${formatCount(info.maxRatings)})`
                : '…'}
            </dd>
            <dt>Created</dt>
            <dd>
              {info ? (
                <time dateTime={info.createdAt}>{new Date(info.createdAt).toLocaleString()}</time>
              ) : (
                '…'
              )}
            </dd>
          </dl>
          <p class="hint">
            To use this profile on another device, open the sign-in link there or paste the sign-in
            code. Whoever has either can see and change your ratings: keep them to yourself.
          </p>
          <div class="button-row">
            <button
              type="button"
              onClick={() => copy(signInLink(location.origin, credentials.token), 'sign-in link')}
            >
              Copy sign-in link
            </button>
            <button type="button" onClick={() => copy(credentials.token, 'sign-in code')}>
              Copy sign-in code
            </button>
            <button type="button" aria-expanded={revealed} onClick={() => setRevealed(!revealed)}>
              Show link and code
            </button>
          </div>
          {revealed && (
            <>
              <label for="signin-link">Sign-in link</label>
              <input
                id="signin-link"
                class="wide"
                readOnly
                value={signInLink(location.origin, credentials.token)}
                onFocus={(event) => event.currentTarget.select()}
              />
              <label for="signin-code">Sign-in code</label>
              <input
                id="signin-code"
                class="wide"
                readOnly
                value={credentials.token}
                onFocus={(event) => event.currentTarget.select()}
              />
            </>
          )}
          {confirming ? (
            <div role="group" aria-labelledby="forget-question">
              <p id="forget-question">
                Delete this profile and its ratings from the server and from this browser? This
                cannot be undone.
              </p>
              <div class="button-row">
                <button
                  type="button"
                  class="danger-button"
                  ref={confirmButton}
                  disabled={working}
                  onClick={() =>
                    run(async () => {
                      await forgetMe();
                      heading.current?.focus();
                      return 'Your profile and its ratings are deleted.';
                    })
                  }
                >
                  Delete my profile
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => forgetButton.current?.focus());
                  }}
                >
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <div class="button-row">
              <button
                type="button"
                class="danger-button"
                ref={forgetButton}
                onClick={() => setConfirming(true)}
              >
                Forget me
              </button>
            </div>
          )}
        </>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const count = await signIn(code);
            setCode('');
            return `Signed in: ${formatCount(count)} ratings loaded.`;
          });
        }}
      >
        <label for="signin-input">Use a sign-in code</label>
        <div class="field-row">
          <input
            id="signin-input"
            type="password"
            autocomplete="off"
            value={code}
            onInput={(event) => setCode(event.currentTarget.value)}
          />
          <button type="submit" disabled={working || code.trim() === ''}>
            Sign in
          </button>
        </div>
        <p class="hint">The picks here are replaced by that profile’s ratings.</p>
      </form>
      <p role="status">{message}</p>
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
