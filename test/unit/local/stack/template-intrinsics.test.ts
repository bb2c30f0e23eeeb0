import { describe, expect, it } from 'vitest';
import { addMovieRecStacks } from '../../../../lib/movierec-app.ts';
import { parseAppConfig } from '../../../../lib/app-config.ts';
import { behaviorFor } from '../../../../lambdas/local/stack/local-distribution.ts';
import {
  functionUrlFromTemplates,
  isFunctionUrlPath,
} from '../../../../lambdas/local/stack/local-function-url.ts';
import { localResources } from '../../../../lambdas/local/stack/local-resources.ts';
import type { CfnTemplate } from '../../../../lambdas/local/stack/local-resources.ts';
import {
  resolveIntrinsics,
  TemplateResolutionError,
} from '../../../../lambdas/local/stack/template-intrinsics.ts';
import type { IntrinsicContext } from '../../../../lambdas/local/stack/template-intrinsics.ts';
import { createTestApp } from '../../../infra/test-app.ts';

const pseudo = { region: 'us-east-1', accountId: '000000000000' };

const producer: CfnTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' }, NoDefault: { Type: 'String' } },
  Conditions: {
    IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] },
    IsProd: { 'Fn::Not': [{ Condition: 'IsDev' }] },
  },
  Mappings: { Sizes: { dev: { memory: 512 } } },
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket' },
    Table: { Type: 'AWS::DynamoDB::Table' },
  },
  Outputs: {
    BucketName: { Value: { Ref: 'Bucket' } },
    TableArn: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] }, Export: { Name: 'shared-table-arn' } },
  },
};
const consumer: CfnTemplate = {
  Resources: { Fn: { Type: 'AWS::Lambda::Function' } },
};
const templates = { Producer: producer, Consumer: consumer };
const resources = localResources(templates, pseudo);
const ctx = (stackName: string): IntrinsicContext => ({ templates, resources, pseudo, stackName });
const resolve = (value: unknown, stackName = 'Producer') =>
  resolveIntrinsics(value, ctx(stackName));

describe('resolveIntrinsics on hand-written templates', () => {
  it('Ref: resources, parameter defaults and pseudo parameters', () => {
    expect(resolve({ Ref: 'Bucket' })).toBe('producer-bucket');
    expect(resolve({ Ref: 'Stage' })).toBe('dev');
    expect(
      resolve(
        ['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName'].map(
          (Ref) => ({ Ref }),
        ),
      ),
    ).toEqual(['us-east-1', '000000000000', 'aws', 'amazonaws.com', 'Producer']);
    expect(
      resolveIntrinsics({ Ref: 'Stage' }, { ...ctx('Producer'), parameters: { Stage: 'prod' } }),
    ).toBe('prod');
  });

  it('Fn::GetAtt in both forms, Fn::Join, Fn::Select, Fn::Split', () => {
    expect(resolve({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('arn:aws:s3:::producer-bucket');
    expect(resolve({ 'Fn::GetAtt': 'Bucket.RegionalDomainName' })).toBe(
      'producer-bucket.s3.us-east-1.amazonaws.com',
    );
    expect(resolve({ 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '*']] })).toBe(
      'arn:aws:s3:::producer-bucket/*',
    );
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] })).toBe('b');
    expect(resolve({ 'Fn::Select': ['0', { 'Fn::GetAZs': '' }] })).toBe('us-east-1a');
  });

  it('Fn::Sub: string form, variables map, attributes and ${!literal}', () => {
    expect(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${!Keep}' })).toBe(
      'arn:aws:s3:::producer-bucket/${Keep}',
    );
    expect(resolve({ 'Fn::Sub': ['${Table.Arn}|${X}', { X: { Ref: 'Stage' } }] })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/Producer-Table|dev',
    );
  });

  it('conditions, Fn::If, Fn::FindInMap and AWS::NoValue', () => {
    expect(resolve({ 'Fn::If': ['IsProd', 'p', 'd'] })).toBe('d');
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'memory'] })).toBe(512);
    expect(resolve({ A: 1, B: { 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, 2] } })).toEqual({
      A: 1,
    });
    expect(resolve([1, { Ref: 'AWS::NoValue' }, 3])).toEqual([1, 3]);
  });

  it('cross-stack: Fn::GetStackOutput and Fn::ImportValue resolve in the producing stack', () => {
    const output = {
      'Fn::GetStackOutput': {
        StackName: 'Producer',
        Region: { Ref: 'AWS::Region' },
        OutputName: 'BucketName',
      },
    };
    expect(resolve(output, 'Consumer')).toBe('producer-bucket');
    expect(resolve({ 'Fn::ImportValue': 'shared-table-arn' }, 'Consumer')).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/Producer-Table',
    );
  });

  it('names the stack and the path of anything it cannot resolve', () => {
    const cases: [unknown, RegExp][] = [
      [{ Env: { X: { Ref: 'Nope' } } }, /^Consumer Env\.X\.Ref: Ref to Nope: no such/],
      [{ V: { 'Fn::GetAtt': ['Fn', 'Nope'] } }, /Consumer V\.Fn::GetAtt: .*Fn\.Nope.*has: Arn/],
      [{ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }, /Fn::Cidr is not supported/],
      [{ 'Fn::ImportValue': 'missing' }, /no stack exports missing/],
      [
        { 'Fn::GetStackOutput': { StackName: 'Producer', OutputName: 'Nope' } },
        /stack Producer has no output Nope/,
      ],
      [
        { 'Fn::GetStackOutput': { StackName: 'Gone', OutputName: 'X' } },
        /no synthesized stack Gone/,
      ],
    ];
    for (const [value, message] of cases) {
      expect(() => resolve(value, 'Consumer')).toThrow(message);
      expect(() => resolve(value, 'Consumer')).toThrow(TemplateResolutionError);
    }
    expect(() => resolve({ Ref: 'NoDefault' })).toThrow(/Producer .*NoDefault has no value/);
  });
});

describe('resolveIntrinsics on the synthesized MovieRec app', () => {
  const app = createTestApp();
  addMovieRecStacks(app, parseAppConfig({}));
  const assembly = app.synth();
  const appTemplates = Object.fromEntries(
    assembly.stacks.map((s) => [s.stackName, s.template as CfnTemplate]),
  );
  const appResources = localResources(appTemplates, pseudo);
  const stackOf = (suffix: string) => Object.keys(appTemplates).find((s) => s.endsWith(suffix))!;
  const resourcesOfType = (stackName: string, type: string) =>
    Object.entries(appTemplates[stackName]!.Resources).filter(([, r]) => r.Type === type);
  const appCtx = (stackName: string): IntrinsicContext => ({
    templates: appTemplates,
    resources: appResources,
    pseudo,
    stackName,
  });
  const dataBucket = appResources[stackOf('-Data')]!.DataBucket!.ref;
  const table = appResources[stackOf('-Data')]!.ServingTable!.ref;

  it("resolves every MovieRec Lambda's environment to the local bucket and table", () => {
    let functions = 0;
    for (const stackName of [stackOf('-Pipeline'), stackOf('-Api')]) {
      for (const [id, fn] of resourcesOfType(stackName, 'AWS::Lambda::Function')) {
        const environment = resolveIntrinsics(fn.Properties?.Environment, appCtx(stackName), id) as
          { Variables: Record<string, string> } | undefined;
        if (environment === undefined) continue; // CDK's custom-resource providers
        functions += 1;
        for (const value of Object.values(environment.Variables))
          expect(typeof value).toBe('string');
        expect(environment.Variables.BUCKET_NAME).toBe(dataBucket);
        if ('TABLE_NAME' in environment.Variables)
          expect(environment.Variables.TABLE_NAME).toBe(table);
      }
    }
    expect(functions).toBe(11);
  });

  it("resolves the state machine's definition to JSON naming local function ARNs", () => {
    const stackName = stackOf('-Pipeline');
    const [, machine] = resourcesOfType(stackName, 'AWS::StepFunctions::StateMachine')[0]!;
    const definition = JSON.parse(
      resolveIntrinsics(machine.Properties?.DefinitionString, appCtx(stackName)) as string,
    ) as { States: Record<string, { Resource?: string; ItemReader?: { Parameters: unknown } }> };
    expect(definition.States['Ingest dataset']?.Resource).toMatch(
      /^arn:aws:lambda:us-east-1:000000000000:function:MovieRec-dev-Pipeline-IngestFn/,
    );
    expect(definition.States['Score user shards']?.ItemReader?.Parameters).toEqual({
      Bucket: dataBucket,
      'Key.$': '$.shards.key',
    });
  });

  it("reads the API as the function URL's function behind the distribution's /api/* behaviours", () => {
    const api = functionUrlFromTemplates({
      templates: appTemplates,
      resources: appResources,
      pseudo,
    });
    expect(api.stackName).toBe(stackOf('-Api'));
    expect(api.function.logicalId).toMatch(/^ApiFunction/);
    expect(api.url.domainName).toMatch(/^[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
    // The Web stack's origin is that host: the cross-stack reference resolves to it.
    const [, distribution] = resourcesOfType(stackOf('-Web'), 'AWS::CloudFront::Distribution')[0]!;
    const origins = resolveIntrinsics(
      (distribution.Properties?.DistributionConfig as { Origins: unknown }).Origins,
      appCtx(stackOf('-Web')),
    ) as { DomainName: string }[];
    expect(origins.map((o) => o.DomainName)).toContain(api.url.domainName);

    for (const path of ['/api/health', '/api/movies', '/api/profiles/p1/ratings']) {
      expect(isFunctionUrlPath(api, path), path).toBe(true);
    }
    for (const path of ['/', '/api', '/movies/1', '/apiary']) {
      expect(isFunctionUrlPath(api, path), path).toBe(false);
    }
    // Only the profile routes run the function that moves the viewer's Authorization aside.
    const moved = (path: string) =>
      behaviorFor(api.behaviors, path)?.viewerRequest?.({
        request: { method: 'GET', uri: path, headers: { authorization: { value: 'Bearer t' } } },
      }).headers['x-viewer-authorization'];
    expect(moved('/api/profiles/p1/ratings')).toEqual({ value: 'Bearer t' });
    expect(moved('/api/users/1/recommendations')).toBeUndefined();
  });

  it('resolves every resource property of every stack but the ones needing a deployment', () => {
    for (const [stackName, template] of Object.entries(appTemplates)) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        expect(() =>
          resolveIntrinsics(resource.Properties, appCtx(stackName), `Resources.${id}`),
        ).not.toThrow();
      }
      expect(() => resolveIntrinsics(template.Outputs, appCtx(stackName))).not.toThrow();
    }
  });
});
