import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeProfileApi } from './fake-profile-api.ts';

/**
 * The web app's profile store against an in-memory API with the profile routes' contract, in a
 * stand-in for the browser's globals (localStorage, location, history, window events). The store
 * is observed as the page and the server see it: what it keeps in localStorage, what the API
 * holds, and what it was asked.
 */

const heat = { movieId: 6, title: 'Heat (1995)', year: 1995, genres: ['Action', 'Crime'] };
const alien = { movieId: 1214, title: 'Alien (1979)', year: 1979, genres: ['Horror', 'Sci-Fi'] };
const toyStory = { movieId: 1, title: 'Toy Story (1995)', year: 1995, genres: ['Animation'] };

let storage: Map<string, string>;
let api: FakeProfileApi;
let address: string;

function stubBrowser(hash = ''): void {
  address = `/${hash}`;
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  });
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('location', { hash, pathname: '/', search: '' });
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_state: unknown, _title: string, url: string) => {
      address = url;
    },
  });
  vi.stubGlobal('fetch', api.fetch);
}

/** A freshly loaded page: the store module as it starts, reading what localStorage holds. */
async function loadPage(hash = '') {
  vi.resetModules();
  stubBrowser(hash);
  const store = await import('../../../frontend/src/state/profile-store.ts');
  const picks = await import('../../../frontend/src/view/picked-movies.ts');
  store.startProfileSync();
  return { ...store, ...picks };
}

const stored = (key: string): unknown => JSON.parse(storage.get(`movierec.${key}`) ?? 'null');
const profileId = () => (stored('profile') as { profileId: string } | null)?.profileId;
const shown = () =>
  ((stored('picks') ?? []) as { movieId: number; rating: number }[]).map((p) => [
    p.movieId,
    p.rating,
  ]);

beforeEach(() => {
  storage = new Map();
  api = new FakeProfileApi();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('profile store', () => {
  it('creates the profile on the first pick and saves each pick, rating and removal', async () => {
    const page = await loadPage();
    expect(api.requests).toEqual([]);
    page.updatePicks((picks) => page.addPick(picks, heat));
    await vi.waitFor(() => expect(api.ratingsOf(profileId() ?? '')).toEqual({ 6: 4 }));
    expect((stored('profile') as { token: string }).token).toMatch(/^[\w-]{43}$/);
    page.updatePicks((picks) => page.addPick(picks, alien));
    page.updatePicks((picks) => page.ratePick(picks, 6, 4.5));
    await vi.waitFor(() => expect(api.ratingsOf(profileId()!)).toEqual({ 6: 4.5, 1214: 4 }));
    page.updatePicks((picks) => page.removePick(picks, 1214));
    await vi.waitFor(() => expect(api.ratingsOf(profileId()!)).toEqual({ 6: 4.5 }));
    expect(stored('pendingRatings')).toBeNull();
    expect(api.requests.filter((r) => r === 'POST /api/profiles')).toHaveLength(1);
  });

  it('sends one write at a time, the latest of changes made meanwhile, and one per burst of re-ratings', async () => {
    const page = await loadPage();
    api.hold();
    page.updatePicks((picks) => page.addPick(picks, heat));
    await vi.waitFor(() => expect(api.requests).toEqual(['POST /api/profiles']));
    api.release();
    await vi.waitFor(() => expect(api.ratingsOf(profileId() ?? '')).toEqual({ 6: 4 }));
    api.hold();
    page.updatePicks((picks) => page.ratePick(picks, 6, 3.5));
    await vi.waitFor(() => expect(api.inFlight).toBe(1));
    for (const stars of [3, 2.5, 2]) page.updatePicks((picks) => page.ratePick(picks, 6, stars));
    // Queued here meanwhile: the page shows it and a reload would find it.
    expect(stored('pendingRatings')).toEqual([{ movieId: 6, rating: 2 }]);
    api.release();
    await vi.waitFor(() => expect(api.ratingsOf(profileId()!)).toEqual({ 6: 2 }));
    api.release();
    await vi.waitFor(() => expect(stored('pendingRatings')).toBeNull());
    expect(api.ratingsOf(profileId()!)).toEqual({ 6: 2 });
    const writes = () => api.requests.filter((r) => r.startsWith('PUT'));
    expect(writes()).toHaveLength(3); // 4 stars, 3.5 (in flight when the rest came), 2
    expect(api.mostInFlight).toBe(1);
    // A burst of re-ratings (arrow keys) is written once, after a pause.
    for (const stars of [1.5, 1, 0.5]) page.updatePicks((picks) => page.ratePick(picks, 6, stars));
    await vi.waitFor(() => expect(api.ratingsOf(profileId()!)).toEqual({ 6: 0.5 }));
    expect(writes()).toHaveLength(4);
  });

  it('keeps changes through a 429 (waiting what Retry-After says) and while offline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const page = await loadPage();
    // A POST or PUT goes out once the body's SHA-256 is computed (crypto.subtle, off the fake
    // clock): wait for each answer in real time before advancing the clock.
    const answered = (requests: number) =>
      vi.waitFor(() => expect([api.requests.length, api.inFlight]).toEqual([requests, 0]));
    api.failNext('offline');
    page.updatePicks((picks) => page.addPick(picks, heat));
    await answered(1);
    expect(api.profiles.size).toBe(0);
    expect(stored('pendingRatings')).toEqual([{ movieId: 6, rating: 4 }]);
    expect(shown()).toEqual([[6, 4]]);
    await vi.advanceTimersByTimeAsync(2_000); // the first retry, after 2 s
    await answered(3);
    expect(api.ratingsOf(profileId() ?? '')).toEqual({ 6: 4 });

    api.failNext({ status: 429, headers: { 'retry-after': '7' } });
    page.updatePicks((picks) => page.addPick(picks, alien));
    await answered(4);
    await vi.advanceTimersByTimeAsync(6_900);
    expect(api.ratingsOf(profileId()!)).toEqual({ 6: 4 });
    expect(stored('pendingRatings')).toEqual([{ movieId: 1214, rating: 4 }]);
    await vi.advanceTimersByTimeAsync(100);
    await answered(5);
    expect(api.ratingsOf(profileId()!)).toEqual({ 6: 4, 1214: 4 });
    expect(stored('pendingRatings')).toBeNull();
  });

  it('drops a change the API refuses for good and shows the server’s ratings', async () => {
    api = new FakeProfileApi(2);
    const page = await loadPage();
    for (const movie of [heat, alien, toyStory]) {
      page.updatePicks((picks) => page.addPick(picks, movie));
    }
    await vi.waitFor(() =>
      expect(shown()).toEqual([
        [1214, 4],
        [6, 4],
      ]),
    );
    expect(api.ratingsOf(profileId()!)).toEqual({ 6: 4, 1214: 4 });
    expect(stored('pendingRatings')).toBeNull();
  });

  it('loads the server’s ratings over the local copy, and starts afresh once the profile is gone', async () => {
    const { profileId: id, token } = api.addProfile({ 1: 5, 6: 2 });
    storage.set('movierec.profile', JSON.stringify({ profileId: id, token }));
    storage.set(
      'movierec.picks',
      JSON.stringify([
        { ...heat, rating: 4 },
        { ...alien, rating: 3 },
      ]),
    );
    await loadPage();
    await vi.waitFor(() =>
      expect(shown()).toEqual([
        [1, 5],
        [6, 2],
      ]),
    );
    // Heat keeps what this browser knew of it.
    expect((stored('picks') as { genres: string[] }[])[1]!.genres).toEqual(heat.genres);

    api.profiles.delete(id);
    await loadPage();
    await vi.waitFor(() => expect(stored('profile')).toBeNull());
    expect(stored('picks')).toBeNull();
  });

  it('saves picks made before profiles existed to a new profile', async () => {
    storage.set('movierec.picks', JSON.stringify([{ ...heat, rating: 3.5 }]));
    await loadPage();
    await vi.waitFor(() => expect(api.ratingsOf(profileId() ?? '')).toEqual({ 6: 3.5 }));
  });

  it('signs in with a code (the id derived from it), refuses a wrong one, and forgets', async () => {
    const { profileId: id, token } = api.addProfile({ 1214: 4.5 });
    const page = await loadPage();
    page.updatePicks((picks) => page.addPick(picks, heat));
    await vi.waitFor(() => expect(profileId()).toBeDefined());
    const own = profileId()!;

    await expect(page.signIn('not a code')).rejects.toThrow(/not a sign-in code/);
    await expect(
      page.signIn(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    ).rejects.toThrow('That sign-in code matches no profile (it may have been forgotten).');
    expect(profileId()).toBe(own);
    expect(await page.signIn(`  ${token}\n`)).toBe(1);
    expect(stored('profile')).toEqual({ profileId: id, token });
    expect(shown()).toEqual([[1214, 4.5]]);

    await page.forgetMe();
    expect(api.profiles.has(id)).toBe(false);
    expect(api.profiles.has(own)).toBe(true);
    expect([stored('profile'), stored('picks'), stored('pendingRatings')]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('takes a sign-in link’s code out of the address bar before using it', async () => {
    const { profileId: id, token } = api.addProfile({ 6: 5 });
    await loadPage(`#signin=${token}`);
    expect(address).toBe('/');
    await vi.waitFor(() => expect(stored('profile')).toEqual({ profileId: id, token }));
    expect(shown()).toEqual([[6, 5]]);
    expect(api.requests).toEqual([`GET /api/profiles/${id}/ratings`]);
  });
});
