import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../lib/app-config.ts';
import { addMovieRecStacks } from '../../lib/movierec-app.ts';
import { createTestApp, unacknowledgedNagFindings } from './test-app.ts';

describe('MonitoringStack', () => {
  const { monitoring } = addMovieRecStacks(
    createTestApp(),
    parseAppConfig({ alarmEmail: 'ops@example.com', fargateTraining: 'false' }),
  );
  const template = Template.fromStack(monitoring);
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
    (alarm) => alarm.Properties as Record<string, unknown>,
  );
  const alarmOn = (namespace: string, metricName: string) =>
    alarms.find((a) => a.Namespace === namespace && a.MetricName === metricName);

  it('alarms on API 5xx, API latency p99, API throttles and failed training runs', () => {
    expect(monitoring.stackName).toBe('MovieRec-dev-Monitoring');
    // The function URL's own metrics, by the API function's name.
    const urlDimensions = [{ Name: 'FunctionName', Value: expect.anything() }];
    expect(alarmOn('AWS/Lambda', 'Url5xxCount')).toMatchObject({
      Statistic: 'Sum',
      Period: 300,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: urlDimensions,
    });
    expect(alarmOn('AWS/Lambda', 'UrlRequestLatency')).toMatchObject({
      ExtendedStatistic: 'p99',
      Threshold: 1000,
      EvaluationPeriods: 3,
      Dimensions: urlDimensions,
    });
    expect(alarms.some((a) => String(a.Namespace).includes('ApiGateway'))).toBe(false);
    expect(alarmOn('AWS/Lambda', 'Throttles')).toMatchObject({ Statistic: 'Sum', Threshold: 1 });
    expect(alarmOn('AWS/States', 'ExecutionsFailed')).toMatchObject({
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  it('alarms on throttled reads and writes of the serving table', () => {
    const table = alarms.find((a) => Array.isArray(a.Metrics));
    const metrics = table!.Metrics as {
      Id: string;
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    expect(
      metrics
        .map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    expect(table).toMatchObject({ Threshold: 1 });
    expect(alarms).toHaveLength(5);
  });

  it('sends every alarm, and its return to OK, to the alarm topic', () => {
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(topic).toHaveLength(1);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topic[0] }]);
      expect(alarm.OKActions).toEqual([{ Ref: topic[0] }]);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it("lets only this account's CloudWatch alarms publish, over TLS", () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: {
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ]),
      },
    });
  });

  it('has a dashboard with the alarms, the API, its function, the table and the runs', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const title of [
      'Alarms',
      'API requests and errors',
      'API latency',
      'API function',
      'Serving table',
      'Training runs',
    ]) {
      expect(body).toContain(title);
    }
  });

  it('passes the cdk-nag AwsSolutions checks', () => {
    expect(unacknowledgedNagFindings(monitoring)).toEqual([]);
  });
});
