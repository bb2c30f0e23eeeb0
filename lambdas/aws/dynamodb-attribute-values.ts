/**
 * DynamoDB's JSON wire format (AttributeValue) to and from plain JS values, as the document
 * client converted them: numbers as `number`, binary as Uint8Array (base64 on the wire), lists,
 * maps, sets as Set. Written here rather than imported: @aws-sdk/util-dynamodb expects binary
 * already decoded by the SDK, and importing it costs ~8 ms of a cold start for a few lines.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type WireItem = Record<string, AttributeValue>;
export type NativeItem = Record<string, unknown>;

const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** A JS value as an AttributeValue; undefined map entries are dropped, like removeUndefinedValues. */
export function toAttributeValue(value: unknown, path = 'value'): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be stored`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (value instanceof Uint8Array) return { B: toBase64(value) };
  if (Array.isArray(value)) return { L: value.map((v, i) => toAttributeValue(v, `${path}[${i}]`)) };
  if (value instanceof Set) {
    const members = [...(value as Set<unknown>)];
    if (members.every((m) => typeof m === 'string')) return { SS: members };
    if (members.every((m) => typeof m === 'number')) return { NS: members.map(String) };
    throw new TypeError(`${path}: a set must hold only strings or only numbers`);
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return { M: toWireItem(value, path) };
  }
  throw new TypeError(`${path}: ${typeof value} cannot be stored in DynamoDB`);
}

export function toWireItem(item: object, path = 'item'): WireItem {
  const out: WireItem = {};
  for (const [name, value] of Object.entries(item)) {
    if (value !== undefined) out[name] = toAttributeValue(value, `${path}.${name}`);
  }
  return out;
}

/** An AttributeValue as the JS value the document client would have returned. */
export function fromAttributeValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('B' in value) return fromBase64(value.B);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('L' in value) return value.L.map(fromAttributeValue);
  if ('M' in value) return fromWireItem(value.M);
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(Number));
  if ('BS' in value) return new Set(value.BS.map(fromBase64));
  throw new TypeError(`unknown DynamoDB attribute type: ${Object.keys(value).join(', ')}`);
}

export function fromWireItem(item: WireItem): NativeItem {
  const out: NativeItem = {};
  for (const [name, value] of Object.entries(item)) out[name] = fromAttributeValue(value);
  return out;
}
