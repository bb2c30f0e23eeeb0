import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export interface MonitoringStackProps extends StackProps {
  /** The API function; its URL's metrics are the API's requests, errors and latency. */
  readonly apiFunction: IFunction;
  readonly stateMachine: IStateMachine;
  readonly table: ITable;
  /** Address notified when an alarm fires (and when it clears). */
  readonly alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What an operator watches (docs/deploy.md, "Monitoring"): one CloudWatch dashboard and the
 * alarms on the failures that need a person: API 5xx answers, API latency p99 (both from the
 * function URL's metrics), throttled API invocations, failed training runs and throttled
 * DynamoDB requests. Every alarm notifies the
 * alarm topic, on alarm and back to OK. Only the free AWS metrics are used: no custom metric.
 */
export class MonitoringStack extends Stack {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    const { apiFunction, stateMachine, table, alarmEmail, ...stackProps } = props;
    super(scope, id, stackProps);

    // Not the pipeline's failure topic: that one is encrypted with the AWS managed key aws/sns,
    // whose key policy CloudWatch cannot use, so alarms could not publish to it.
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'MovieRec alarms',
      enforceSSL: true,
    });
    // Only this account's alarms may publish.
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*`,
          },
          StringEquals: { 'aws:SourceAccount': this.account },
        },
      }),
    );
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and metric values, no data; CloudWatch cannot publish to a topic under the AWS managed key, and a customer managed key would cost $1/month for nothing secret.',
    });
    if (alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));
    }

    // By FunctionName alone: the function's URLs together, and it has one (Resource would name
    // it as `<function>:$LATEST`).
    const urlMetric = (metricName: string, statistic: string, label?: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: { FunctionName: apiFunction.functionName },
        period: FIVE_MINUTES,
        statistic,
        ...(label !== undefined && { label }),
      });
    const apiRequests = urlMetric('UrlRequestCount', 'Sum');
    const api4xx = urlMetric('Url4xxCount', 'Sum');
    const api5xx = urlMetric('Url5xxCount', 'Sum');
    const latency = (statistic: string) =>
      urlMetric('UrlRequestLatency', statistic, `latency ${statistic}`);
    const throttles = apiFunction.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    const failedRuns = stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' });
    const tableThrottles = new cloudwatch.MathExpression({
      expression: 'FILL(r, 0) + FILL(w, 0)',
      usingMetrics: {
        r: table.metric('ReadThrottleEvents', { statistic: 'Sum' }),
        w: table.metric('WriteThrottleEvents', { statistic: 'Sum' }),
      },
      period: FIVE_MINUTES,
      label: 'throttled reads + writes',
    });

    const alarm = (
      alarmId: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic, no runs: nothing is wrong.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.alarmTopic));
      created.addOkAction(new SnsAction(this.alarmTopic));
      return created;
    };
    this.alarms = [
      alarm('Api5xx', 'The API answered 5 or more 5xx in 5 minutes.', api5xx, 5),
      alarm(
        'ApiLatencyP99',
        "The API's p99 latency was 1 s or more for 15 minutes (the local bench: p99 ≤ 50 ms).",
        urlMetric('UrlRequestLatency', 'p99'),
        1000,
        3,
      ),
      alarm(
        'ApiThrottles',
        "Lambda throttled API invocations (its reserved concurrency, or the account's).",
        throttles,
        1,
      ),
      alarm(
        'TrainingFailed',
        'A training run failed (the live model is untouched).',
        failedRuns,
        1,
      ),
      alarm(
        'TableThrottles',
        'DynamoDB throttled requests to the serving table.',
        tableThrottles,
        1,
      ),
    ];

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
      new cloudwatch.GraphWidget({
        title: 'API requests and errors (5 min)',
        left: [apiRequests],
        right: [api4xx, api5xx],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        left: [latency('p50'), latency('p99')],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API function',
        left: [
          apiFunction.metricDuration({ statistic: 'p99', label: 'duration p99 (ms)' }),
          apiFunction.metricDuration({ statistic: 'p50', label: 'duration p50 (ms)' }),
        ],
        right: [
          apiFunction.metric('ConcurrentExecutions', { statistic: 'Maximum' }),
          apiFunction.metricErrors({ statistic: 'Sum' }),
          throttles,
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Serving table',
        left: [
          table.metricConsumedReadCapacityUnits({ statistic: 'Sum' }),
          table.metricConsumedWriteCapacityUnits({ statistic: 'Sum' }),
        ],
        right: [tableThrottles],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Training runs',
        left: [
          stateMachine.metricStarted({ statistic: 'Sum' }),
          stateMachine.metricSucceeded({ statistic: 'Sum' }),
          failedRuns,
        ],
        right: [stateMachine.metricTime({ statistic: 'Maximum', label: 'run time (ms)' })],
        width: 24,
      }),
    );

    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
  }
}
