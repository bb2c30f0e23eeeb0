/**
 * The CDK app (`npx cdk synth|deploy`). Configuration comes from CDK context only, here:
 * `-c stage=prod -c dataset=ml-25m -c scheduleEnabled=true -c topN=50 -c alarmEmail=ops@example.com
 * -c fargateTraining=false` (see lib/app-config.ts for the defaults). The synth builds the web
 * app and the training task's bundle from their sources (lib/web-app-asset.ts,
 * lib/train-task-bundle.ts), with no Docker. cdk-nag's AwsSolutions checks run as a validation
 * plugin, so any unacknowledged finding fails the synth.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONFIG_KEYS, parseAppConfig } from '../lib/app-config.ts';
import type { AppConfig } from '../lib/app-config.ts';
import { addMovieRecStacks } from '../lib/movierec-app.ts';

function readConfig(app: App): AppConfig {
  try {
    return parseAppConfig(
      Object.fromEntries(CONFIG_KEYS.map((key) => [key, app.node.tryGetContext(key)])),
    );
  } catch (error) {
    // A configuration mistake deserves its message, not a stack trace.
    console.error((error as Error).message);
    process.exit(1);
  }
}

const app = new App();
const config = readConfig(app);

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
Tags.of(app).add('project', 'movierec');
Tags.of(app).add('stage', config.stage);
addMovieRecStacks(app, config);
