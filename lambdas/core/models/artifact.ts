/**
 * What a trained model hands to the codec: named binary arrays plus JSON-safe parameters.
 * Every model file offers `toArtifact()` and a `fromArtifact()` that validates shapes, so the
 * codec stays generic and never serialises code or objects.
 */
export type NumericArray = Float32Array | Int32Array;

export interface ModelArtifact {
  /** Model kind, e.g. "biased-mf", "ease", "ials", "popularity". */
  kind: string;
  params: Record<string, unknown>;
  arrays: Record<string, NumericArray>;
}
