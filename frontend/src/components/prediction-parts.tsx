import type { PredictionResponse } from '../api/api-types.ts';
import { formatNumber, formatSigned } from '../view/format.ts';

/** A predicted rating with its parts: μ + b_u + b_i + p·q (clipped to the scale). */
export function PredictionParts({ prediction }: { prediction: PredictionResponse }) {
  const { parts } = prediction;
  return (
    <p class="prediction" data-prediction={prediction.prediction}>
      <strong>Predicted {formatNumber(prediction.prediction, 2)} ★</strong>{' '}
      <span class="parts">
        = μ {formatNumber(parts.globalMean, 2)} <abbr title="user bias">b_u</abbr>{' '}
        {formatSigned(parts.userBias)} <abbr title="movie bias">b_i</abbr>{' '}
        {formatSigned(parts.itemBias)}{' '}
        <abbr title="dot product of the user and movie factors">p·q</abbr> {formatSigned(parts.dot)}
      </span>
    </p>
  );
}
