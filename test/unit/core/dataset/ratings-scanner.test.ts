import { describe, expect, it } from 'vitest';
import type { BadRowReason } from '../../../../lambdas/core/dataset/bad-rows.ts';
import { scanRatings } from '../../../../lambdas/core/dataset/ratings-scanner.ts';

interface Scanned {
  rows: number[][];
  bad: [number, BadRowReason, string][];
  lines: number;
}

async function scan(text: string, delimiter: string, chunkSize = text.length): Promise<Scanned> {
  const bytes = new TextEncoder().encode(text);
  async function* chunks(): AsyncIterable<Uint8Array> {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
  }
  const out: Scanned = { rows: [], bad: [], lines: 0 };
  out.lines = await scanRatings(chunks(), delimiter, {
    row: (...row) => out.rows.push(row),
    bad: (...bad) => out.bad.push(bad),
  });
  return out;
}

describe('scanRatings', () => {
  const CSV =
    'userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\n\r\n7,1,4.50,5\r\n';

  it('reads CSV with a header, CRLF, blank lines and rare spellings', async () => {
    expect(await scan(CSV, ',')).toEqual({
      rows: [
        [1, 31, 2.5, 1260759144, 2],
        [1, 1029, 3, 1260759179, 3],
        [7, 1, 4.5, 5, 5],
      ],
      bad: [],
      lines: 5,
    });
  });

  it('gives the same rows however the bytes are chunked', async () => {
    const whole = await scan(CSV, ',');
    for (const size of [1, 2, 3, 7, 16]) expect(await scan(CSV, ',', size)).toEqual(whole);
  });

  it('reads "::" and tab layouts and a last line without newline', async () => {
    expect((await scan('1::1193::5::978300760\n1::661::3::978302109', '::', 5)).rows).toEqual([
      [1, 1193, 5, 978300760, 1],
      [1, 661, 3, 978302109, 2],
    ]);
    expect((await scan('196\t242\t3\t881250949\n', '\t')).rows).toEqual([
      [196, 242, 3, 881250949, 1],
    ]);
  });

  it('treats a single ":" as no separator in "::" files', async () => {
    expect((await scan('1:2::3::4::5\n', '::')).bad).toEqual([
      [1, 'non-numeric', 'userId "1:2" is not a whole number'],
    ]);
  });

  it('reports each kind of bad row with its line', async () => {
    const { rows, bad } = await scan(
      '1,1,4,100\n1,2,4,100,9\n1,3,,100\n1,4,5.5,100\n1,5,4,-1\n1,6,4,99999999999\n3000000000,1,4,1\n',
      ',',
    );
    expect(rows).toEqual([[1, 1, 4, 100, 1]]);
    expect(bad).toEqual([
      [
        2,
        'field-count',
        'expected 4 fields (user, movie, rating, timestamp) separated by ",", found 5',
      ],
      [3, 'non-numeric', 'rating "" is not a number'],
      [4, 'out-of-range', 'rating "5.5" is out of range 0.5–5'],
      [5, 'non-numeric', 'timestamp "-1" is not a whole number'],
      [6, 'out-of-range', 'timestamp "99999999999" is out of range'],
      [7, 'out-of-range', 'ids above 2147483647 are not supported'],
    ]);
  });
});
