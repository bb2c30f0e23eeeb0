import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** What a benchmark ran on, so figures from different machines are not compared blindly. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
}

export function describeMachine(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: totalmem() / 2 ** 30,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}
