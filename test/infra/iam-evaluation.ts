/** A policy statement with every CloudFormation intrinsic already resolved to a value. */
export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Values of the request context by condition key: one string, or several (a multivalued key). */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** One AWS call as IAM authorizes it: an action on one resource with its request context. */
export interface AwsRequest {
  /** `service:Action`, e.g. `dynamodb:GetItem`. */
  action: string;
  /** The ARN the action is on, e.g. the table ARN for an item operation. */
  resource: string;
  context?: RequestContext;
}

export type Decision = 'allowed' | 'explicit deny' | 'implicit deny';

/**
 * IAM's decision for `request` under `statements`, all policies of one account together (identity
 * policies of the caller and the statements of a resource policy naming it): an explicit Deny in
 * any applicable statement wins, otherwise an applicable Allow allows, otherwise the request is
 * implicitly denied (IAM User Guide, "Policy evaluation logic", same-account requests).
 *
 * A statement applies when its Action (or NotAction) matches, its Resource (or NotResource) matches
 * and every condition holds. Action patterns match case-insensitively, resource patterns
 * case-sensitively, both with `*` (any run of characters, across `:` and `/`) and `?` (one).
 * Policy variables (`${aws:…}`) are not evaluated: a statement using them throws.
 */
export function evaluateRequest(
  statements: readonly IamStatement[],
  request: AwsRequest,
): Decision {
  const applicable = statements.filter((statement) => applies(statement, request));
  if (applicable.some((statement) => statement.Effect === 'Deny')) return 'explicit deny';
  return applicable.some((statement) => statement.Effect === 'Allow') ? 'allowed' : 'implicit deny';
}

/**
 * Whether a resource-policy statement names `principalArn` (or everyone): only those take part in
 * the decision for that caller. Identity-policy statements have no Principal.
 */
export function namesPrincipal(statement: IamStatement, principalArn: string): boolean {
  const principal = statement.Principal;
  if (principal === undefined || principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as { AWS?: string | string[] }).AWS;
  return asList(aws).some((name) => name === '*' || name === principalArn);
}

function applies(statement: IamStatement, request: AwsRequest): boolean {
  const actionMatches = (patterns: string | string[] | undefined) =>
    asList(patterns).some((pattern) => wildcardMatch(pattern, request.action, true));
  const resourceMatches = (patterns: string | string[] | undefined) =>
    asList(patterns).some((pattern) => wildcardMatch(pattern, request.resource, false));
  const action =
    statement.Action !== undefined
      ? actionMatches(statement.Action)
      : !actionMatches(statement.NotAction);
  const resource =
    statement.Resource !== undefined
      ? resourceMatches(statement.Resource)
      : !resourceMatches(statement.NotResource);
  return action && resource && conditionsHold(statement.Condition ?? {}, request.context ?? {});
}

/** `*` and `?` wildcards over the whole string. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern.includes('${')) {
    throw new Error(`policy variables are not evaluated: "${pattern}"`);
  }
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'si' : 's').test(value);
}

/** The comparison of one condition operator between a request value and a policy value. */
type Compare = (requestValue: string, policyValue: string) => boolean;

const numeric =
  (test: (a: number, b: number) => boolean): Compare =>
  (a, b) =>
    test(Number(a), Number(b));

/** The operators this evaluator knows, each with whether it is a negated ("Not") operator. */
const OPERATORS: Readonly<Record<string, { compare: Compare; negated: boolean }>> = {
  StringEquals: { compare: (a, b) => a === b, negated: false },
  StringNotEquals: { compare: (a, b) => a === b, negated: true },
  StringEqualsIgnoreCase: {
    compare: (a, b) => a.toLowerCase() === b.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (a, b) => a.toLowerCase() === b.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (a, b) => wildcardMatch(b, a, false), negated: false },
  StringNotLike: { compare: (a, b) => wildcardMatch(b, a, false), negated: true },
  ArnEquals: { compare: (a, b) => wildcardMatch(b, a, false), negated: false },
  ArnLike: { compare: (a, b) => wildcardMatch(b, a, false), negated: false },
  ArnNotEquals: { compare: (a, b) => wildcardMatch(b, a, false), negated: true },
  ArnNotLike: { compare: (a, b) => wildcardMatch(b, a, false), negated: true },
  Bool: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: false },
  NumericEquals: { compare: numeric((a, b) => a === b), negated: false },
  NumericNotEquals: { compare: numeric((a, b) => a === b), negated: true },
  NumericLessThan: { compare: numeric((a, b) => a < b), negated: false },
  NumericLessThanEquals: { compare: numeric((a, b) => a <= b), negated: false },
  NumericGreaterThan: { compare: numeric((a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { compare: numeric((a, b) => a >= b), negated: false },
};

/**
 * A Condition block (IAM User Guide, "Condition operators" and "Conditions with multiple context
 * keys or values"): operators and their keys are ANDed; a key's policy values are ORed (NORed for
 * a negated operator). A key missing from the request makes an operator false, a negated one
 * true, an `…IfExists` one true; `Null` tests presence. `ForAllValues:` holds when every request
 * value matches (so also when the key is missing), `ForAnyValue:` when at least one does. Condition
 * keys are case-insensitive. An operator this evaluator does not know throws rather than guess.
 */
function conditionsHold(
  conditions: Record<string, Record<string, unknown>>,
  context: RequestContext,
): boolean {
  const lookup = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]));
  return Object.entries(conditions).every(([operator, keys]) =>
    Object.entries(keys).every(([key, policyValue]) => {
      const policyValues = asList(policyValue as unknown).map(String);
      const requestValue = lookup.get(key.toLowerCase());
      return operatorHolds(operator, policyValues, requestValue);
    }),
  );
}

function operatorHolds(
  operator: string,
  policyValues: readonly string[],
  requestValue: string | readonly string[] | undefined,
): boolean {
  const [qualifier, rest] = operator.includes(':')
    ? (operator.split(':', 2) as [string, string])
    : [undefined, operator];
  const ifExists = rest.endsWith('IfExists');
  const name = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (name === 'Null' && qualifier === undefined && !ifExists) {
    return policyValues.some((v) => (v.toLowerCase() === 'true') === (requestValue === undefined));
  }
  const known = OPERATORS[name];
  if (
    known === undefined ||
    (qualifier !== undefined && !['ForAllValues', 'ForAnyValue'].includes(qualifier))
  ) {
    throw new Error(`condition operator ${operator} is not evaluated here: add it to OPERATORS`);
  }
  const { compare, negated } = known;
  /** One request value against the policy values: OR, or NOR for a negated operator. */
  const matches = (value: string) => {
    const any = policyValues.some((policy) => compare(value, policy));
    return negated ? !any : any;
  };
  const values = requestValue === undefined ? [] : asList(requestValue);
  if (qualifier === 'ForAllValues') return values.every(matches);
  if (qualifier === 'ForAnyValue') return values.some(matches);
  if (requestValue === undefined) return ifExists || negated;
  return values.some(matches);
}

function asList<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}
