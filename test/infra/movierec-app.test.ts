import { Template } from 'aws-cdk-lib/assertions';
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

  it('passes the shard concurrency to the Distributed Map and the API reserved concurrency to its function', () => {
    const { api, pipeline } = addMovieRecStacks(
      createTestApp(),
      parseAppConfig({ shardConcurrency: '12', apiReservedConcurrency: '30' }),
    );
    const definition = JSON.stringify(
      Template.fromStack(pipeline).findResources('AWS::StepFunctions::StateMachine'),
    );
    expect(definition).toContain('\\"MaxConcurrency\\":12');
    Template.fromStack(api).hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 30,
    });
  });

  it('reserves no API concurrency by default (a new account has none to reserve)', () => {
    const { api } = addMovieRecStacks(createTestApp(), parseAppConfig({}));
    const [fn] = Object.values(Template.fromStack(api).findResources('AWS::Lambda::Function'));
    expect(fn?.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});
