import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { WireItem } from '../../../lambdas/aws/dynamodb-attribute-values.ts';
import {
  fromWireItem,
  toAttributeValue,
  toWireItem,
} from '../../../lambdas/aws/dynamodb-attribute-values.ts';

const bytes = new Uint8Array([0, 1, 254, 255]);

describe('DynamoDB attribute values', () => {
  it('encodes like @aws-sdk/util-dynamodb, with binary as base64 on the wire', () => {
    const item = {
      pk: 'MOVIE#1',
      n: 3.25,
      negative: -2,
      yes: true,
      none: null,
      list: [1, 'two', [false]],
      map: { nested: { deep: 'x' }, skipped: undefined },
      factors: bytes,
      tags: new Set(['a', 'b']),
      counts: new Set([1, 2]),
      dropped: undefined,
    };
    const sdk = marshall(item, { removeUndefinedValues: true }) as unknown as WireItem;
    (sdk.factors as unknown as { B: string }).B = Buffer.from(bytes).toString('base64');
    expect(toWireItem(item)).toEqual(sdk);
    expect(toAttributeValue(bytes)).toEqual({ B: 'AAH+/w==' });
  });

  it('decodes every type back to what the document client returned', () => {
    const wire: WireItem = {
      s: { S: 'text' },
      n: { N: '-0.5' },
      b: { B: 'AAH+/w==' },
      bool: { BOOL: false },
      nul: { NULL: true },
      l: { L: [{ N: '1' }, { M: { k: { S: 'v' } } }] },
      ss: { SS: ['a'] },
      ns: { NS: ['1', '2.5'] },
      bs: { BS: ['AAE='] },
    };
    expect(fromWireItem(wire)).toEqual({
      s: 'text',
      n: -0.5,
      b: bytes,
      bool: false,
      nul: null,
      l: [1, { k: 'v' }],
      ss: new Set(['a']),
      ns: new Set([1, 2.5]),
      bs: new Set([new Uint8Array([0, 1])]),
    });
    expect(fromWireItem(toWireItem({ factors: bytes })).factors).toBeInstanceOf(Uint8Array);
  });

  it('refuses values DynamoDB cannot store, naming where they are', () => {
    expect(() => toWireItem({ stats: { mean: Number.NaN } })).toThrow('item.stats.mean: NaN');
    expect(() => toWireItem({ at: new Date(0) })).toThrow('item.at: object cannot be stored');
    expect(() => toAttributeValue(new Set([1, 'a']))).toThrow('only strings or only numbers');
    expect(() => fromWireItem({ x: { Q: 1 } as never })).toThrow(
      'unknown DynamoDB attribute type: Q',
    );
  });
});
