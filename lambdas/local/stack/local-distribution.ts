import type { CfnResource, CfnTemplate } from './local-resources.ts';

/** A CloudFront Functions event's request, the part MovieRec's functions read and write. */
export interface ViewerRequest {
  method: string;
  uri: string;
  headers: Record<string, { value: string }>;
}

export type ViewerRequestFunction = (event: { request: ViewerRequest }) => ViewerRequest;

/** One cache behaviour of the distribution, as the local front door needs it. */
export interface LocalBehavior {
  /** CloudFront's path pattern; the default behaviour's is `*`. */
  pathPattern: string;
  /** The origin type of the origin access control its origin signs with, if any. */
  originType: 's3' | 'lambda' | 'other' | undefined;
  /** Its viewer-request CloudFront Function, run from the template's code. */
  viewerRequest: ViewerRequestFunction | undefined;
}

/**
 * The one CloudFront distribution of the synthesized app, read from its template: the cache
 * behaviours in CloudFront's order (the path-pattern ones first, then the default), each with
 * the kind of origin it sends to and its viewer-request function. The functions are the
 * project's own code from the template, run as CloudFront runs them: a plain `handler` function.
 */
export function distributionFromTemplates(
  templates: Readonly<Record<string, CfnTemplate>>,
): LocalBehavior[] {
  const found = Object.values(templates).flatMap((template) =>
    Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::CloudFront::Distribution')
      .map((resource) => ({ template, resource })),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one AWS::CloudFront::Distribution in the synthesized app, found ${found.length}`,
    );
  }
  const { template, resource } = found[0]!;
  const config = (resource.Properties?.DistributionConfig ?? {}) as {
    Origins?: { Id: string; OriginAccessControlId?: unknown }[];
    DefaultCacheBehavior?: CfnBehavior;
    CacheBehaviors?: CfnBehavior[];
  };
  const resources = template.Resources;
  const originTypes = new Map(
    (config.Origins ?? []).map((origin) => [
      origin.Id,
      originType(resources[getAttTarget(origin.OriginAccessControlId) ?? '']),
    ]),
  );
  const behavior = (cfn: CfnBehavior, pathPattern: string): LocalBehavior => ({
    pathPattern,
    originType: originTypes.get(cfn.TargetOriginId),
    viewerRequest: viewerRequestFunction(cfn, resources),
  });
  return [
    ...(config.CacheBehaviors ?? []).map((cfn) => behavior(cfn, cfn.PathPattern ?? '')),
    ...(config.DefaultCacheBehavior === undefined
      ? []
      : [behavior(config.DefaultCacheBehavior, '*')]),
  ];
}

/** The behaviour CloudFront picks for `path`: the first whose pattern matches. */
export function behaviorFor(
  behaviors: readonly LocalBehavior[],
  path: string,
): LocalBehavior | undefined {
  return behaviors.find((behavior) => pathPatternRegExp(behavior.pathPattern).test(path));
}

/**
 * A CloudFront path pattern as a regular expression: `*` is any run of characters (slashes
 * included), `?` exactly one, everything else literal and case-sensitive; a pattern without a
 * leading slash matches as if it had one.
 */
export function pathPatternRegExp(pattern: string): RegExp {
  const absolute = pattern.startsWith('/') || pattern === '*' ? pattern : `/${pattern}`;
  const source = absolute
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

interface CfnBehavior {
  PathPattern?: string;
  TargetOriginId: string;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}

function viewerRequestFunction(
  cfn: CfnBehavior,
  resources: Record<string, CfnResource>,
): ViewerRequestFunction | undefined {
  const association = cfn.FunctionAssociations?.find((a) => a.EventType === 'viewer-request');
  if (association === undefined) return undefined;
  const logicalId = getAttTarget(association.FunctionARN);
  const code = logicalId === undefined ? undefined : resources[logicalId]?.Properties?.FunctionCode;
  if (typeof code !== 'string') {
    throw new Error(
      `a viewer-request function of the distribution is not an AWS::CloudFront::Function of its stack`,
    );
  }
  return new Function(`${code}\nreturn handler;`)() as ViewerRequestFunction;
}

function originType(resource: CfnResource | undefined): LocalBehavior['originType'] {
  if (resource?.Type !== 'AWS::CloudFront::OriginAccessControl') return undefined;
  const config = resource.Properties?.OriginAccessControlConfig as
    { OriginAccessControlOriginType?: string } | undefined;
  const type = config?.OriginAccessControlOriginType;
  return type === 's3' || type === 'lambda' ? type : 'other';
}

/** The logical id of `{"Fn::GetAtt": [id, attribute]}`, the form CDK writes same-stack refs in. */
function getAttTarget(value: unknown): string | undefined {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}
