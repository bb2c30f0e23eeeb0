import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/api-client.ts';
import type { DashboardResponse, RankedMovie, SearchHit } from '../api/api-types.ts';
import { useApi } from '../api/use-api.ts';
import { EChart } from '../charts/echart.tsx';
import { MovieSearch } from '../components/movie-search.tsx';
import { LoadStatus } from '../components/status.tsx';
import { Link } from '../router.tsx';
import {
  activityHeatmapOption,
  barsOption,
  completeDashboard,
  genreOverTimeOption,
  genreTreemapOption,
  histogramOption,
  ratingsPerYearOption,
  topGenres,
} from '../view/chart-options.ts';
import { displayTitle, formatCount, formatNumber, movieLabel } from '../view/format.ts';
import { MovieHistogram, MovieStats } from './movie-page.tsx';

/** The dataset behind the live model, in charts and top lists, and a two-movie comparison. */
export default function DashboardPage() {
  const dashboard = useApi((signal) => api.dashboard(signal), []);
  return (
    <>
      <h1>Dashboard</h1>
      <LoadStatus value={dashboard} what="the dashboard" />
      {dashboard.state === 'done' && <Dashboard data={completeDashboard(dashboard.data)} />}
      <Comparison />
    </>
  );
}

function Dashboard({ data }: { data: DashboardResponse }) {
  const [metric, setMetric] = useState<'mean' | 'share'>('share');
  const options = useMemo(
    () => ({
      histogram: histogramOption(
        data.ratingHistogram.map((r) => r.rating),
        data.ratingHistogram.map((r) => r.count),
      ),
      perYear: ratingsPerYearOption(data.ratingsPerYear),
      treemap: genreTreemapOption(data.genres),
      heatmap: activityHeatmapOption(data.activityHeatmap),
      users: barsOption(
        data.userActivity.map((b) => `${b.from}–${b.to - 1}`),
        data.userActivity.map((b) => b.users),
        'Users',
        'Ratings per user',
      ),
      decades: barsOption(
        data.moviesPerDecade.map((d) => `${d.decade}s`),
        data.moviesPerDecade.map((d) => d.movies),
        'Movies',
      ),
    }),
    [data],
  );
  const genreLines = useMemo(
    () => genreOverTimeOption(data.genreYears, topGenres(data.genres, 6), metric),
    [data, metric],
  );
  const { dataset } = data;
  return (
    <>
      <p class="lead">
        {dataset.name}: {formatCount(dataset.ratings)} ratings by {formatCount(dataset.users)} users
        of {formatCount(dataset.movies)} movies, {formatCount(dataset.tags)} tags (model version{' '}
        {data.version}).{' '}
        <span id="collected-since-training">
          {formatCount(data.collectedSinceTraining)} ratings collected from visitors since this
          version was trained
        </span>{' '}
        (they train the next version).
      </p>
      <div class="chart-grid">
        <ChartPanel
          id="rating-distribution"
          empty={data.ratingHistogram.length === 0}
          title="Rating distribution"
        >
          <EChart option={options.histogram} label="Number of ratings per star value" />
        </ChartPanel>
        <ChartPanel
          id="ratings-per-year"
          empty={data.ratingsPerYear.length === 0}
          title="Ratings per year"
        >
          <EChart option={options.perYear} label="Ratings given per year and their mean" />
        </ChartPanel>
        <ChartPanel
          id="genres-over-time"
          title="Genres over time"
          wide
          empty={data.genreYears.length === 0}
        >
          <fieldset class="segmented">
            <legend class="visually-hidden">Genre measure</legend>
            <label>
              <input
                type="radio"
                name="genre-metric"
                checked={metric === 'share'}
                onChange={() => setMetric('share')}
              />
              Popularity (% of ratings)
            </label>
            <label>
              <input
                type="radio"
                name="genre-metric"
                checked={metric === 'mean'}
                onChange={() => setMetric('mean')}
              />
              Average rating
            </label>
          </fieldset>
          <EChart
            option={genreLines}
            height={340}
            label={`${metric === 'mean' ? 'Average rating' : 'Share of ratings'} of the six most rated genres per year`}
          />
        </ChartPanel>
        <ChartPanel id="genre-treemap" empty={data.genres.length === 0} title="Genres by ratings">
          <EChart option={options.treemap} label="Genres sized by their number of ratings" />
        </ChartPanel>
        <ChartPanel
          id="activity-heatmap"
          empty={data.activityHeatmap.length === 0}
          title="When users rate (UTC)"
        >
          <EChart
            option={options.heatmap}
            height={320}
            label="Ratings per day of week and hour of day"
          />
        </ChartPanel>
        <ChartPanel
          id="user-activity"
          empty={data.userActivity.length === 0}
          title="Users by number of ratings"
        >
          <EChart option={options.users} label="Users per bucket of ratings given" />
        </ChartPanel>
        <ChartPanel
          id="movies-per-decade"
          empty={data.moviesPerDecade.length === 0}
          title="Movies per decade"
        >
          <EChart option={options.decades} label="Movies released per decade" />
        </ChartPanel>
      </div>
      <div class="top-lists">
        <TopList
          id="top-bayesian"
          title="Top by Bayesian average"
          movies={data.topMovies}
          value={(m) => `${formatNumber(m.score, 2)} ★`}
        />
        <TopList
          id="top-count"
          title="Most rated"
          movies={data.topByCount}
          value={(m) => `${formatCount(m.count)} ratings`}
        />
        <section class="panel" aria-labelledby="top-tags-heading" id="top-tags">
          <h2 id="top-tags-heading">Top by tag</h2>
          {data.topTags.length === 0 && <p class="hint">No data in the live version.</p>}
          <dl class="tag-list">
            {data.topTags.slice(0, 12).map((tag) => (
              <div key={tag.tag}>
                <dt>
                  {tag.tag} <span class="muted">({formatCount(tag.count)})</span>
                </dt>
                <dd>
                  {tag.movies.slice(0, 3).map((m, i) => (
                    <>
                      {i > 0 && ', '}
                      <Link href={`/movies/${m.movieId}`}>{displayTitle(m.title)}</Link>
                    </>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </>
  );
}

function ChartPanel({
  id,
  title,
  wide,
  empty,
  children,
}: {
  id: string;
  title: string;
  wide?: boolean;
  /** The version has no data for this chart. */
  empty?: boolean;
  children: ComponentChildren;
}) {
  return (
    <section
      class={wide ? 'panel chart-panel wide' : 'panel chart-panel'}
      aria-labelledby={`${id}-heading`}
      id={id}
    >
      <h2 id={`${id}-heading`}>{title}</h2>
      {empty ? <p class="hint">No data for this chart in the live version.</p> : children}
    </section>
  );
}

function TopList({
  id,
  title,
  movies,
  value,
}: {
  id: string;
  title: string;
  movies: RankedMovie[];
  value: (m: RankedMovie) => string;
}) {
  return (
    <section class="panel" aria-labelledby={`${id}-heading`} id={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {movies.length === 0 && <p class="hint">No data in the live version.</p>}
      <ol class="top-list">
        {movies.slice(0, 10).map((m) => (
          <li key={m.movieId}>
            <Link href={`/movies/${m.movieId}`}>{displayTitle(m.title)}</Link>{' '}
            <span class="muted">{value(m)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Two movies side by side: pick each through its own search box. */
function Comparison() {
  const [left, setLeft] = useState<SearchHit | null>(null);
  const [right, setRight] = useState<SearchHit | null>(null);
  return (
    <section class="panel" aria-labelledby="compare-heading" id="compare">
      <h2 id="compare-heading">Compare two movies</h2>
      <div class="compare">
        <CompareSide label="First movie to compare" movie={left} onPick={setLeft} />
        <CompareSide label="Second movie to compare" movie={right} onPick={setRight} />
      </div>
    </section>
  );
}

function CompareSide({
  label,
  movie,
  onPick,
}: {
  label: string;
  movie: SearchHit | null;
  onPick: (m: SearchHit) => void;
}) {
  const details = useApi(
    (signal) => (movie ? api.movie(movie.movieId, signal) : Promise.resolve(null)),
    [movie?.movieId],
  );
  return (
    <div class="compare-side">
      <MovieSearch label={label} placeholder="Search a title" clearOnPick={false} onPick={onPick} />
      {movie && <LoadStatus value={details} what={movieLabel(movie)} />}
      {details.state === 'done' && details.data && (
        <div class="compare-movie" data-movie-id={details.data.movieId}>
          <h3>
            <Link href={`/movies/${details.data.movieId}`}>{movieLabel(details.data)}</Link>
          </h3>
          <MovieStats movie={details.data} />
          <MovieHistogram movie={details.data} height={220} />
        </div>
      )}
    </div>
  );
}
