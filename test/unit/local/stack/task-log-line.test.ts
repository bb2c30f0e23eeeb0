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
  });

  it("reads the Fargate task's own JSON progress lines too", () => {
    const line = '{"time":"t","message":"progress","step":"similar items","done":3,"total":9}';
    expect(parseTaskLogLine(line, 'INFO')).toEqual({
      kind: 'progress',
      text: 'similar items 3/9',
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
