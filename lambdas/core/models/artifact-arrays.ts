import type { ModelArtifact } from './artifact.ts';

/** Typed reads of a model artifact's arrays with the length checks every `fromArtifact` needs. */
export function artifactInt32(artifact: ModelArtifact, name: string, length?: number): Int32Array {
  const a = artifact.arrays[name];
  if (!(a instanceof Int32Array))
    throw new Error(`${artifact.kind} artifact: ${name} must be Int32`);
  checkLength(artifact, name, a.length, length);
  return a;
}

export function artifactFloat32(
  artifact: ModelArtifact,
  name: string,
  length?: number,
): Float32Array {
  const a = artifact.arrays[name];
  if (!(a instanceof Float32Array)) {
    throw new Error(`${artifact.kind} artifact: ${name} must be Float32`);
  }
  checkLength(artifact, name, a.length, length);
  return a;
}

function checkLength(
  artifact: ModelArtifact,
  name: string,
  actual: number,
  expected?: number,
): void {
  if (expected !== undefined && actual !== expected) {
    throw new Error(
      `${artifact.kind} artifact: ${name} has ${actual} values, expected ${expected}`,
    );
  }
}
