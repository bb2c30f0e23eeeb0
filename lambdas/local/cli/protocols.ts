/** The evaluation protocols of docs/architecture.md §8, as `evaluate --protocol` accepts them. */
export const PROTOCOLS = ['rating-cv5', 'ranking-stratified75'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
