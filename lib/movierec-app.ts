import type { App } from 'aws-cdk-lib';
import { isProductionStage } from './app-config.ts';
import type { AppConfig } from './app-config.ts';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { PipelineStack } from './pipeline-stack.ts';

export interface MovieRecStacks {
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly pipeline: PipelineStack;
}

/**
 * Adds MovieRec's stacks for one stage to `app`. Stacks are environment-agnostic (no account
 * or region lookups), so `cdk synth` needs no credentials; `cdk deploy` takes both from the
 * AWS profile in use.
 */
export function addMovieRecStacks(app: App, config: AppConfig): MovieRecStacks {
  const prefix = `MovieRec-${config.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, {
    description: 'MovieRec stateful data: dataset/model bucket and serving table (retained)',
    protectData: isProductionStage(config),
  });
  const pipeline = new PipelineStack(app, `${prefix}-Pipeline`, {
    description: 'MovieRec training pipeline: Step Functions, Lambda and Fargate',
    bucket: data.bucket,
    table: data.table,
    dataset: config.dataset,
    scheduleEnabled: config.scheduleEnabled,
    topN: config.topN,
    ...(config.alarmEmail !== undefined && { alarmEmail: config.alarmEmail }),
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    description: 'MovieRec public HTTP API (reads the serving table and models/ in the bucket)',
    table: data.table,
    bucket: data.bucket,
  });
  return { data, pipeline, api };
}
