import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../lib/app-config.ts';
import { addMovieRecStacks } from '../../lib/movierec-app.ts';
import { createTestApp, unacknowledgedNagFindings } from './test-app.ts';

describe('addMovieRecStacks', () => {
  it('names the stacks after the stage and leaves a dev stage unprotected', () => {
    const { data } = addMovieRecStacks(createTestApp(), parseAppConfig({}));
    expect(data.stackName).toBe('MovieRec-dev-Data');
    expect(data.terminationProtection).toBe(false);
    expect(unacknowledgedNagFindings(data)).toEqual([]);
  });

  it('protects the stateful stack of the production stage', () => {
    const { data } = addMovieRecStacks(createTestApp(), parseAppConfig({ stage: 'prod' }));
    expect(data.stackName).toBe('MovieRec-prod-Data');
    expect(data.terminationProtection).toBe(true);
  });

  it('adds the Web stack and passes fargateTraining to the Pipeline stack', () => {
    const { web, pipeline } = addMovieRecStacks(
      createTestApp(),
      parseAppConfig({ fargateTraining: 'false' }),
    );
    expect(web.stackName).toBe('MovieRec-dev-Web');
    expect(pipeline.fargateTraining).toBeUndefined();
    const withFargate = addMovieRecStacks(createTestApp(), parseAppConfig({}));
    expect(withFargate.pipeline.fargateTraining).toBeDefined();
  });
});
