/**
 * A line a pipeline task wrote to stdout, as the local stack sorts it: a progress report
 * (`{"message":"progress","step":…,"done":…,"total":…}`, from the train Lambda's Powertools
 * logger or the Fargate task's JSON log) becomes one line of the run's progress; any other line
 * is shown when its level is at least `minLevel` (lines without a level always are).
 */
export type TaskLogLine = { kind: 'progress'; text: string } | { kind: 'log'; show: boolean };

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL'];

export function parseTaskLogLine(line: string, minLevel: string): TaskLogLine {
  let record: Record<string, unknown>;
  try {
    const parsed = JSON.parse(line) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return { kind: 'log', show: true };
    record = parsed as Record<string, unknown>;
  } catch {
    return { kind: 'log', show: true };
  }
  const { message, step, done, total } = record;
  if (
    message === 'progress' &&
    typeof step === 'string' &&
    typeof done === 'number' &&
    typeof total === 'number'
  ) {
    // Large counts (pairs of similar items) read better as a share.
    const amount = total > 1000 ? `${Math.floor((100 * done) / total)}%` : `${done}/${total}`;
    const loss =
      typeof record.loss === 'number' ? ` (loss ${Number(record.loss.toPrecision(4))})` : '';
    return { kind: 'progress', text: `${step} ${amount}${loss}` };
  }
  const level = LEVELS.indexOf(String(record.level).toUpperCase());
  return { kind: 'log', show: level < 0 || level >= levelRank(minLevel) };
}

/** SILENT shows nothing; an unknown name everything. */
function levelRank(name: string): number {
  const upper = name.toUpperCase();
  return upper === 'SILENT' ? Infinity : Math.max(0, LEVELS.indexOf(upper));
}
