/** The app's pages, parsed from a URL path (no DOM: unit-tested). */
export type Route =
  | { page: 'discover' }
  | { page: 'user'; userId: number }
  | { page: 'movie'; movieId: number }
  | { page: 'dashboard' }
  | { page: 'model' }
  | { page: 'not-found'; path: string };

const positiveInt = (text: string): number | null => {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 2_147_483_647 ? n : null;
};

export function parseRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/') return { page: 'discover' };
  if (clean === '/dashboard') return { page: 'dashboard' };
  if (clean === '/model') return { page: 'model' };
  const match = /^\/(users|movies)\/([^/]+)$/.exec(clean);
  if (match) {
    const id = positiveInt(match[2]!);
    if (id !== null) {
      return match[1] === 'users' ? { page: 'user', userId: id } : { page: 'movie', movieId: id };
    }
  }
  return { page: 'not-found', path };
}
