import {
  formatDate,
  formatRuntime,
  formatVoteAverage,
  languageName,
  type TmdbDetails,
} from '../view/tmdb-details.ts';

/**
 * What TMDB says about a movie: the overview, director(s), top cast, runtime, release date,
 * original language, TMDB's vote average and the keywords as chips. Missing facts are left out.
 */
export function TmdbFacts({ details }: { details: TmdbDetails }) {
  const facts: [string, string | null][] = [
    [details.directors.length > 1 ? 'Directors' : 'Director', details.directors.join(', ') || null],
    ['Cast', details.cast.join(', ') || null],
    ['Runtime', formatRuntime(details.runtimeMinutes)],
    ['Released', formatDate(details.releaseDate)],
    ['Language', languageName(details.originalLanguage)],
    ['TMDB rating', formatVoteAverage(details.voteAverage, details.voteCount)],
  ];
  return (
    <section class="panel" aria-labelledby="about-heading" id="about">
      <h2 id="about-heading">About the film</h2>
      {details.overview && <p class="overview">{details.overview}</p>}
      <dl class="facts">
        {facts.map(
          ([term, value]) =>
            value !== null && (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ),
        )}
      </dl>
      {details.keywords.length > 0 && (
        <ul class="tags" aria-label="Keywords">
          {details.keywords.map((keyword) => (
            <li key={keyword}>{keyword}</li>
          ))}
        </ul>
      )}
      <p class="hint">Details from TMDB.</p>
    </section>
  );
}
