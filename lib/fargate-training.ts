import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { DATA_PREFIXES } from './data-stack.ts';
import { acknowledgeWildcardResources } from './nag-acknowledgements.ts';
import { ENTRY_METADATA } from './movierec-function.ts';
import {
  buildTrainTaskContext,
  TRAIN_TASK_DOCKERFILE,
  TRAIN_TASK_ENTRY,
} from './train-task-context.ts';

export interface FargateTrainingProps {
  readonly bucket: IBucket;
  /** @default 4096 (4 vCPU) */
  readonly cpu?: number;
  /** @default 30720 (the most Fargate gives 4 vCPU) */
  readonly memoryLimitMiB?: number;
}

/**
 * Training of large datasets in a Fargate task: a VPC with public subnets only, a cluster and a
 * task definition whose image is the Dockerfile of lambdas/tasks around the esbuild bundle of
 * the training task. The state machine runs it with `runTask` (ECS RunTask .sync).
 *
 * No NAT gateway: the task calls S3 (through a gateway endpoint), ECR and CloudWatch Logs with a
 * public IP and accepts no inbound traffic, so a NAT (~$32/month per AZ) would buy nothing.
 */
export class FargateTraining extends Construct {
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: FargateTrainingProps) {
    super(scope, id);
    const { bucket } = props;
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
    });
    vpc.addFlowLog('FlowLogs', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, 'FlowLogGroup', {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      ),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TrainTask', {
      cpu: props.cpu ?? 4096,
      memoryLimitMiB: props.memoryLimitMiB ?? 30720,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    // The source of the task, as on the functions: the local stack runs it from the template.
    (this.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition).addMetadata(
      ENTRY_METADATA,
      relative(fileURLToPath(new URL('..', import.meta.url)), TRAIN_TASK_ENTRY)
        .split(sep)
        .join('/'),
    );
    this.container = this.taskDefinition.addContainer('train', {
      image: ecs.ContainerImage.fromAsset(this.imageContext(), { platform: Platform.LINUX_AMD64 }),
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'train',
        logGroup: new logs.LogGroup(this, 'TrainTaskLogs', {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
      environment: { BUCKET_NAME: bucket.bucketName },
    });
    const datasets = bucket.arnForObjects(`${DATA_PREFIXES.datasets}*`);
    const models = bucket.arnForObjects(`${DATA_PREFIXES.models}*`);
    const taskRole = this.taskDefinition.taskRole;
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [datasets] }),
    );
    // A missing object is a 404 only to a caller that may list the bucket (else 403).
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    );
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [models],
      }),
    );
    acknowledgeWildcardResources(
      taskRole,
      [datasets, models],
      'The training task reads the processed dataset under "datasets/" and writes a model version under "models/": object keys under a prefix cannot be listed in a policy.',
    );
    Validations.of(this.taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken, needed to pull the task image, supports no resource-level permissions.',
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The only environment variable is the data bucket name, which is not secret.',
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'TrainTaskSecurityGroup', {
      vpc,
      description: 'Training task: outbound only (S3, ECR, CloudWatch Logs)',
      allowAllOutbound: true,
    });
  }

  /** The RunTask .sync state training `version` from the processed dataset at `processedPrefix`. */
  runTask(name: string, input: { processedPrefix: string; version: string }): tasks.EcsRunTask {
    return new tasks.EcsRunTask(Stack.of(this), name, {
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      launchTarget: new tasks.EcsFargateLaunchTarget({
        platformVersion: ecs.FargatePlatformVersion.LATEST,
      }),
      assignPublicIp: true,
      subnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [this.securityGroup],
      containerOverrides: [
        {
          containerDefinition: this.container,
          environment: [
            { name: 'PROCESSED_PREFIX', value: input.processedPrefix },
            { name: 'MODEL_VERSION', value: input.version },
          ],
        },
      ],
      taskTimeout: sfn.Timeout.duration(Duration.hours(6)),
      resultPath: sfn.JsonPath.DISCARD,
    });
  }

  /**
   * The image's Docker build context: Dockerfile + esbuild bundle, made at synth without Docker
   * (Docker builds the image at deploy). Stacks excluded from bundling (tests, deploys of other
   * stacks) get the Dockerfile's folder: enough to synthesize, not to build the image.
   */
  private imageContext(): string {
    const stack = Stack.of(this);
    if (!stack.bundlingRequired) return join(TRAIN_TASK_DOCKERFILE, '..');
    // Inside the cloud assembly folder, so it goes with `cdk.out` (the asset copy is what counts).
    return buildTrainTaskContext(join(Stage.of(this)!.outdir, `${stack.artifactId}-train-task`));
  }
}
