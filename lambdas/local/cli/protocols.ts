/**
 * The evaluation protocols `evaluate --protocol` accepts: rating-cv5 (rating-cv5.ts) and the
 * top-10 ranking protocols (ranking-stratified75.ts).
 */
export const PROTOCOLS = [
  'rating-cv5',
  'ranking-stratified75',
  'ranking-stratified75-user',
] as const;
export type Protocol = (typeof PROTOCOLS)[number];
