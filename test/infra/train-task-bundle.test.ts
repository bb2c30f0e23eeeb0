import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleTrainTask, TRAIN_TASK_FILE } from '../../lib/train-task-bundle.ts';

describe('bundleTrainTask', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'movierec-train-task-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('makes one self-contained module that plain Node.js runs, with source-mapped errors', () => {
    const file = bundleTrainTask(outDir);
    expect(readdirSync(outDir)).toEqual([TRAIN_TASK_FILE]);
    // Outside the repository and with no environment, as in the task's Node.js container
    // before its configuration is complete: it must load (no missing module) and then refuse.
    const run = spawnSync(process.execPath, [file], {
      cwd: outDir,
      env: { PATH: process.env.PATH, NODE_OPTIONS: '--enable-source-maps' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const output = run.stdout + run.stderr;
    expect(output).toContain('BUCKET_NAME');
    expect(output).not.toMatch(/Cannot find (module|package)/);
    expect(output).toMatch(/lambdas\/aws\/pipeline-config\.ts:\d+/);
  }, 60_000);
});
