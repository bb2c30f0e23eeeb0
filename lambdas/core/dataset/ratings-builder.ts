import type { Ratings } from './dataset.ts';

const FIRST_BLOCK = 1 << 12;
const MAX_BLOCK = 1 << 20;

/**
 * Collects ratings of unknown count into typed arrays. Storage grows in blocks (4k doubling up to
 * 1M ratings) instead of by reallocating one array, so growth never copies and the final exact-size
 * copy needs at most the final size again plus one block: ≤ 2 × 16 bytes per rating at the peak.
 *
 * Also remembers each rating's source line compactly (a breakpoint whenever lines stop running
 * one per rating: header, blank or skipped lines), so errors found after parsing, such as
 * duplicates, can still name their lines.
 */
export class RatingsBuilder {
  private blocks: Ratings[] = [];
  private user = new Int32Array(0);
  private item = new Int32Array(0);
  private value = new Float32Array(0);
  private timestamp = new Uint32Array(0);
  private fill = 0;
  private full = 0;
  private blockSize = 0;
  private readonly breakPositions: number[] = [];
  private readonly breakLines: number[] = [];
  private nextLine = -1;

  get length(): number {
    return this.full + this.fill;
  }

  push(user: number, item: number, value: number, timestamp: number, line: number): void {
    if (this.fill === this.user.length) this.grow();
    if (line !== this.nextLine) {
      this.breakPositions.push(this.full + this.fill);
      this.breakLines.push(line);
    }
    this.nextLine = line + 1;
    const at = this.fill++;
    this.user[at] = user;
    this.item[at] = item;
    this.value[at] = value;
    this.timestamp[at] = timestamp;
  }

  /** The source line of the rating at `position` (before any later removal). */
  lineOf(position: number): number {
    let lo = 0;
    let hi = this.breakPositions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.breakPositions[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return this.breakLines[lo]! + position - this.breakPositions[lo]!;
  }

  /** Exact-size arrays; the builder's blocks are released block by block while copying. */
  build(): Ratings {
    this.seal();
    const n = this.full;
    const out: Ratings = {
      user: new Int32Array(n),
      item: new Int32Array(n),
      value: new Float32Array(n),
      timestamp: new Uint32Array(n),
    };
    let at = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b]!;
      out.user.set(block.user, at);
      out.item.set(block.item, at);
      out.value.set(block.value, at);
      out.timestamp.set(block.timestamp, at);
      at += block.user.length;
      this.blocks[b] = EMPTY;
    }
    this.blocks = [];
    return out;
  }

  private seal(): void {
    if (this.fill === 0) return;
    this.blocks.push({
      user: this.user.subarray(0, this.fill),
      item: this.item.subarray(0, this.fill),
      value: this.value.subarray(0, this.fill),
      timestamp: this.timestamp.subarray(0, this.fill),
    });
    this.full += this.fill;
    this.fill = 0;
    this.user = new Int32Array(0);
    this.item = new Int32Array(0);
    this.value = new Float32Array(0);
    this.timestamp = new Uint32Array(0);
  }

  private grow(): void {
    this.seal();
    const size = (this.blockSize = Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, this.blockSize * 2)));
    this.user = new Int32Array(size);
    this.item = new Int32Array(size);
    this.value = new Float32Array(size);
    this.timestamp = new Uint32Array(size);
  }
}

const EMPTY: Ratings = {
  user: new Int32Array(0),
  item: new Int32Array(0),
  value: new Float32Array(0),
  timestamp: new Uint32Array(0),
};
