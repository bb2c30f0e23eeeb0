/**
 * The evaluation protocols `evaluate --protocol` accepts: rating-cv5 (rating-cv5.ts), the top-10
 * ranking protocols (ranking-stratified75.ts) and strong generalisation over held-out users
 * (ranking-heldout-users.ts).
 */
export const PROTOCOLS = [
  'rating-cv5',
  'ranking-stratified75',
  'ranking-stratified75-user',
  'ranking-heldout-users',
] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** The protocols `tune --protocol` accepts (tune-protocol.ts maps each to the model it tunes). */
export const TUNING_PROTOCOLS = ['rating-cv5', 'ranking-stratified75'] as const;
export type TuningProtocol = (typeof TUNING_PROTOCOLS)[number];
