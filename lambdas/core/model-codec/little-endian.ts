import type { NumericArray } from '../models/artifact.ts';

/**
 * Typed arrays ↔ little-endian bytes. On little-endian hosts (every platform Node runs on in
 * practice) the bytes are copied as they are; elsewhere each element goes through a DataView, so
 * a model file means the same numbers on every machine.
 */
export type Dtype = 'float32' | 'int32';

export const BYTES_PER_ELEMENT = 4;

export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export const dtypeOf = (array: NumericArray): Dtype =>
  array instanceof Float32Array ? 'float32' : 'int32';

/** A fresh little-endian byte copy of `array`. */
export function toLittleEndianBytes(
  array: NumericArray,
  hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN,
): Uint8Array {
  return hostIsLittleEndian
    ? littleEndianView(array, true).slice()
    : littleEndianView(array, hostIsLittleEndian);
}

/**
 * The little-endian bytes of `array` without copying where the host allows it: the result may
 * share memory with `array`, so use it at once (e.g. to hash) and keep no reference.
 */
export function littleEndianView(
  array: NumericArray,
  hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN,
): Uint8Array {
  if (hostIsLittleEndian) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const bytes = new Uint8Array(array.length * BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  if (array instanceof Float32Array) {
    for (let i = 0; i < array.length; i++) view.setFloat32(i * 4, array[i]!, true);
  } else {
    for (let i = 0; i < array.length; i++) view.setInt32(i * 4, array[i]!, true);
  }
  return bytes;
}

/** A new typed array read from little-endian `bytes` (length must be a multiple of 4). */
export function fromLittleEndianBytes(
  bytes: Uint8Array,
  dtype: Dtype,
  hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN,
): NumericArray {
  const length = bytes.byteLength / BYTES_PER_ELEMENT;
  if (hostIsLittleEndian) {
    const copy = bytes.slice().buffer;
    return dtype === 'float32' ? new Float32Array(copy) : new Int32Array(copy);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dtype === 'float32') {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}
