import { useEffect, useRef } from 'preact/hooks';
import { SettingsPanel } from './components/settings-panel.tsx';
import { LazyPage } from './components/lazy-page.tsx';
import { DiscoverPage } from './pages/discover-page.tsx';
import { UserPage } from './pages/user-page.tsx';
import { Link, useLocation } from './router.tsx';
import { useTheme } from './state/theme.ts';
import { parseRoute, type Route } from './view/routes.ts';

// Chart pages load on first visit (they bring ECharts): see LazyPage.
const loadMovie = () => import('./pages/movie-page.tsx');
const loadDashboard = () => import('./pages/dashboard-page.tsx');
const loadModel = () => import('./pages/model-page.tsx');

const NAV = [
  { href: '/', label: 'Discover', page: 'discover' },
  { href: '/dashboard', label: 'Dashboard', page: 'dashboard' },
  { href: '/model', label: 'Model', page: 'model' },
] as const;

const TITLES: Record<Route['page'], string> = {
  discover: 'Discover',
  user: 'User',
  movie: 'Movie',
  dashboard: 'Dashboard',
  model: 'Model',
  'not-found': 'Not found',
};

export function App() {
  const { path } = useLocation();
  const route = parseRoute(path);
  const [theme, setTheme] = useTheme();

  // A new page: title for the history list, focus to the main region for screen readers.
  const firstRender = useRef(true);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · MovieRec`;
    if (firstRender.current) firstRender.current = false;
    else document.getElementById('main')?.focus();
  }, [path]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <Link href="/" class="brand">
          <span aria-hidden="true">★</span> MovieRec
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={route.page === item.page ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="theme-toggle"
          aria-pressed={theme === 'light'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          <span aria-hidden="true">☀</span> Light theme
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer class="site-footer">
        <SettingsPanel />
        <p>
          Ratings from <a href="https://grouplens.org/datasets/movielens/">MovieLens</a>{' '}
          (GroupLens). API: <a href="/api-docs.html">interactive docs</a>.
        </p>
      </footer>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'discover':
      return <DiscoverPage />;
    case 'user':
      return <UserPage key={route.userId} userId={route.userId} />;
    case 'movie':
      return <LazyPage key={route.movieId} load={loadMovie} props={{ movieId: route.movieId }} />;
    case 'dashboard':
      return <LazyPage load={loadDashboard} props={{}} />;
    case 'model':
      return <LazyPage load={loadModel} props={{}} />;
    case 'not-found':
      return (
        <>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <Link href="/">Back to Discover</Link>
          </p>
        </>
      );
  }
}
