import { describe, expect, it } from 'vitest';
import { parseTaskLogLine } from '../../../../lambdas/local/stack/task-log-line.ts';

describe('parseTaskLogLine', () => {
  it('turns a Powertools progress line into progress text, with the loss when there is one', () => {
    const line = JSON.stringify({
      level: 'INFO',
      message: 'progress',
      service: 'train',
      timestamp: '2026-11-22T00:00:00.000Z',
      step: 'rating model epoch',
      done: 4,
      total: 20,
      loss: 0.812345,
    });
    expect(parseTaskLogLine(line, 'WARN')).toEqual({
      kind: 'progress',
      text: 'rating model epoch 4/20 (loss 0.8123)',
    });
    const ranking = { message: 'progress', step: 'epoch', done: 1, total: 10, loss: 90393.0355 };
    expect(parseTaskLogLine(JSON.stringify(ranking), 'WARN')).toEqual({
      kind: 'progress',
      text: 'epoch 1/10 (loss 90390)',
    });
  });

  it("reads the Fargate task's own JSON progress lines too, large counts as a share", () => {
    const line = (done: number, total: number) =>
      `{"time":"t","message":"progress","step":"similar items","done":${done},"total":${total}}`;
    expect(parseTaskLogLine(line(3, 9), 'INFO')).toEqual({
      kind: 'progress',
      text: 'similar items 3/9',
    });
    expect(parseTaskLogLine(line(47_489_568, 94_906_564), 'INFO')).toEqual({
      kind: 'progress',
      text: 'similar items 50%',
    });
  });

  it('shows other lines at or above the level, and lines without one', () => {
    const at = (level: string) => JSON.stringify({ level, message: 'train done' });
    expect(parseTaskLogLine(at('INFO'), 'WARN')).toEqual({ kind: 'log', show: false });
    expect(parseTaskLogLine(at('WARN'), 'WARN')).toEqual({ kind: 'log', show: true });
    expect(parseTaskLogLine(at('ERROR'), 'WARN')).toEqual({ kind: 'log', show: true });
    expect(parseTaskLogLine(at('DEBUG'), 'debug')).toEqual({ kind: 'log', show: true });
    expect(parseTaskLogLine(at('ERROR'), 'SILENT')).toEqual({ kind: 'log', show: false });
    expect(parseTaskLogLine('{"message":"trained"}', 'WARN')).toEqual({ kind: 'log', show: true });
    expect(parseTaskLogLine('plain text', 'ERROR')).toEqual({ kind: 'log', show: true });
    expect(parseTaskLogLine('{"message":"progress","step":"x"}', 'WARN')).toEqual({
      kind: 'log',
      show: true,
    });
  });
});
