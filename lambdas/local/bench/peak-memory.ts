import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak resident memory of this process in bytes. Worker threads share the process, so Linux's
 * VmHWM covers them too; elsewhere the sampled maximum of process.memoryUsage().rss is used.
 */
export interface PeakMemory {
  /** Starts a new measurement window. */
  reset(): void;
  /** Peak RSS since the last reset, in bytes. */
  peak(): number;
  stop(): void;
}

const readHighWaterMark = (): number | null => {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
};

/** Linux lets a process reset its own VmHWM by writing 5 to clear_refs. */
const resetHighWaterMark = (): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};

export function trackPeakMemory(sampleMs = 200): PeakMemory {
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, sampleMs);
  timer.unref();
  let kernelWindow = resetHighWaterMark();
  return {
    reset: () => {
      sampled = process.memoryUsage().rss;
      kernelWindow = resetHighWaterMark();
    },
    peak: () => {
      const current = process.memoryUsage().rss;
      const hwm = kernelWindow ? readHighWaterMark() : null;
      return Math.max(sampled, current, hwm ?? 0);
    },
    stop: () => clearInterval(timer),
  };
}
