import type { VersionTuning } from '../api/api-types.ts';
import { formatMetric, metricLabel } from '../view/model-metrics.ts';

const MODEL_NAMES = { rating: 'Rating model', ranking: 'Ranking model' } as const;

/**
 * A version's tuning: each model's trials (parameters, validation metric, seconds) with the
 * chosen one marked; one line when the version was trained untuned.
 */
export function TuningTrials({ tuning }: { tuning: VersionTuning | undefined }) {
  if (tuning === undefined) {
    return (
      <p class="hint">Tuning was off for this version: it trained with the default parameters.</p>
    );
  }
  return (
    <>
      <p class="hint">
        Random search, {tuning.trialsPerModel} trials per model (trial 0: the defaults), each judged
        on a validation split of the version's training ratings.
      </p>
      {(['rating', 'ranking'] as const).map((model) => {
        const { metric, trials, best } = tuning[model];
        return (
          <div
            key={model}
            class="table-scroll"
            tabIndex={0}
            role="region"
            aria-label={`${MODEL_NAMES[model]} tuning trials`}
          >
            <table data-tuning={model}>
              <caption>
                {MODEL_NAMES[model]}: chosen trial {best.trial}, validation {metricLabel(metric)}{' '}
                {formatMetric(best.metrics[metric])}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Trial</th>
                  <th scope="col" class="params">
                    Parameters
                  </th>
                  <th scope="col">{metricLabel(metric)}</th>
                  <th scope="col">Seconds</th>
                </tr>
              </thead>
              <tbody>
                {trials.map((t) => (
                  <tr key={t.trial} class={t.trial === best.trial ? 'live' : undefined}>
                    <th scope="row">
                      {t.trial}
                      {t.trial === best.trial && <span class="badge">chosen</span>}
                    </th>
                    <td class="params">
                      {Object.entries(t.params)
                        .map(([name, value]) => `${name} ${value}`)
                        .join(', ')}
                    </td>
                    <td>{formatMetric(t.metrics[metric])}</td>
                    <td>{t.seconds.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}
