import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/api-client.ts';
import type { ModelResponse } from '../api/api-types.ts';
import { useApi } from '../api/use-api.ts';
import { EChart } from '../charts/echart.tsx';
import { LoadStatus } from '../components/status.tsx';
import { TuningTrials } from '../components/tuning-trials.tsx';
import { lossOption } from '../view/chart-options.ts';
import { metricColumns, metricLabel, formatMetric, lossOf } from '../view/model-metrics.ts';

/**
 * The live model version, every version's metrics, and a version's training curves and tuning
 * trials.
 */
export default function ModelPage() {
  const model = useApi((signal) => api.model(signal), []);
  return (
    <>
      <h1>Model</h1>
      <LoadStatus value={model} what="the model" />
      {model.state === 'done' && <Model data={model.data} />}
    </>
  );
}

function Model({ data }: { data: ModelResponse }) {
  const [selected, setSelected] = useState(data.version);
  const rows =
    data.versions.length > 0 ? data.versions : [{ version: data.version, metrics: data.metrics }];
  const columns = metricColumns(rows);
  const entry = data.versions.find((v) => v.version === selected) ?? data.details;
  const loss = lossOf(entry);
  const option = useMemo(() => lossOption(loss), [selected, data]);
  return (
    <>
      <section class="panel" aria-labelledby="live-heading" id="live-model">
        <h2 id="live-heading">Live version</h2>
        <p>
          <strong data-version={data.version}>{data.version}</strong>, published{' '}
          <time dateTime={data.publishedAt}>{new Date(data.publishedAt).toLocaleString()}</time>
        </p>
        <dl class="stats">
          {metricColumns([{ metrics: data.metrics }]).map((key) => (
            <div key={key}>
              <dt>{metricLabel(key)}</dt>
              <dd>{formatMetric(data.metrics[key])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section class="panel" aria-labelledby="versions-heading" id="versions">
        <h2 id="versions-heading">Versions</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Metrics of every version">
          <table>
            <caption class="visually-hidden">
              Metrics of every trained version, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                {columns.map((key) => (
                  <th scope="col" key={key}>
                    {metricLabel(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.version} class={v.version === data.version ? 'live' : undefined}>
                  <th scope="row">
                    {v.version}
                    {v.version === data.version && <span class="badge">live</span>}
                  </th>
                  {columns.map((key) => (
                    <td key={key}>{formatMetric(v.metrics?.[key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="panel" aria-labelledby="loss-heading" id="training-loss">
        <div class="results-head">
          <h2 id="loss-heading">Training loss per epoch</h2>
          {rows.length > 1 && (
            <span class="field-inline">
              <label for="loss-version">Version</label>
              <select
                id="loss-version"
                value={selected}
                onChange={(e) => setSelected(e.currentTarget.value)}
              >
                {rows.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </span>
          )}
        </div>
        {loss.rating.length + loss.ranking.length > 0 ? (
          <EChart option={option} label={`Training loss per epoch of version ${selected}`} />
        ) : (
          <p class="hint">No training curve was recorded for this version.</p>
        )}
      </section>
      <section class="panel" aria-labelledby="tuning-heading" id="tuning">
        <h2 id="tuning-heading">Tuning of version {entry?.version ?? data.version}</h2>
        <TuningTrials tuning={entry?.tuning} />
      </section>
    </>
  );
}
