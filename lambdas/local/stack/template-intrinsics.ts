import type { CfnTemplate, LocalResources, PseudoParameters } from './local-resources.ts';
import { partitionOf, urlSuffixOf } from './local-resources.ts';

/** Where a value of a synthesized template is resolved: its stack among all the app's stacks. */
export interface IntrinsicContext {
  /** Every synthesized stack by stack name (cross-stack references read their outputs). */
  templates: Readonly<Record<string, CfnTemplate>>;
  /** Local physical values of every resource (see localResources). */
  resources: LocalResources;
  pseudo: PseudoParameters;
  /** The stack whose template holds the value. */
  stackName: string;
  /** Values of template parameters; a parameter without one takes its Default. */
  parameters?: Readonly<Record<string, unknown>>;
}

/** A template value that cannot be resolved locally: names the stack and the path in it. */
export class TemplateResolutionError extends Error {
  constructor(stackName: string, path: string, message: string) {
    super(`${stackName}${path === '' ? '' : ` ${path}`}: ${message}`);
    this.name = 'TemplateResolutionError';
  }
}

/** `Ref: AWS::NoValue`: the property or list element is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * `value` with every CloudFormation intrinsic replaced by its local value: Ref (resources,
 * parameters, pseudo parameters), Fn::GetAtt, Fn::Join, Fn::Sub (both forms), Fn::Select,
 * Fn::Split, Fn::GetAZs, Fn::Base64, Fn::FindInMap, Fn::If and the condition functions,
 * Fn::ToJsonString, Fn::GetStackOutput (CDK's cross-stack references) and Fn::ImportValue.
 * Anything else throws a TemplateResolutionError naming the stack and the path of the value.
 * `path` is where `value` sits in the template, for those errors (e.g. `Resources.Fn.Properties`).
 */
export function resolveIntrinsics(value: unknown, ctx: IntrinsicContext, path = ''): unknown {
  const resolved = new Resolver(ctx).resolve(value, path);
  return resolved === NO_VALUE ? undefined : resolved;
}

/** resolveIntrinsics for a value that must come out as a string. */
export function resolveString(value: unknown, ctx: IntrinsicContext, path = ''): string {
  const resolved = resolveIntrinsics(value, ctx, path);
  if (typeof resolved !== 'string') {
    throw new TemplateResolutionError(
      ctx.stackName,
      path,
      `expected a string, got ${show(resolved)}`,
    );
  }
  return resolved;
}

class Resolver {
  private readonly template: CfnTemplate;

  constructor(private readonly ctx: IntrinsicContext) {
    const template = ctx.templates[ctx.stackName];
    if (template === undefined) {
      throw new TemplateResolutionError(
        ctx.stackName,
        '',
        'no synthesized template for this stack',
      );
    }
    this.template = template;
  }

  resolve(value: unknown, path: string): unknown {
    if (Array.isArray(value)) {
      return value.map((v, i) => this.resolve(v, `${path}[${i}]`)).filter((v) => v !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, argument] = entries[0]!;
      if (key === 'Ref' || key.startsWith('Fn::')) {
        return this.intrinsic(key, argument, `${path}.${key}`);
      }
    }
    const result: Record<string, unknown> = {};
    for (const [key, v] of entries) {
      const resolved = this.resolve(v, path === '' ? key : `${path}.${key}`);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  private fail(path: string, message: string): never {
    throw new TemplateResolutionError(this.ctx.stackName, path, message);
  }

  private string(value: unknown, path: string): string {
    const resolved = this.resolve(value, path);
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    if (typeof resolved !== 'string') this.fail(path, `expected a string, got ${show(resolved)}`);
    return resolved;
  }

  private list(value: unknown, path: string): unknown[] {
    const resolved = this.resolve(value, path);
    if (!Array.isArray(resolved)) this.fail(path, `expected a list, got ${show(resolved)}`);
    return resolved;
  }

  private args(argument: unknown, count: number, name: string, path: string): unknown[] {
    if (!Array.isArray(argument) || argument.length !== count) {
      this.fail(path, `${name} takes a list of ${count} arguments, got ${show(argument)}`);
    }
    return argument;
  }

  private intrinsic(name: string, argument: unknown, path: string): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(this.string(argument, path), path);
      case 'Fn::GetAtt':
        return this.getAtt(argument, path);
      case 'Fn::Join': {
        const [delimiter, items] = this.args(argument, 2, name, path);
        return this.list(items, `${path}[1]`)
          .map((item, i) => this.string(item, `${path}[1][${i}]`))
          .join(this.string(delimiter, `${path}[0]`));
      }
      case 'Fn::Sub':
        return this.sub(argument, path);
      case 'Fn::Select': {
        const [index, items] = this.args(argument, 2, name, path);
        const list = this.list(items, `${path}[1]`);
        const i = Number(this.resolve(index, `${path}[0]`));
        if (!Number.isInteger(i) || i < 0 || i >= list.length) {
          this.fail(path, `index ${show(index)} is outside the list of ${list.length}`);
        }
        return list[i];
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.args(argument, 2, name, path);
        return this.string(source, `${path}[1]`).split(this.string(delimiter, `${path}[0]`));
      }
      case 'Fn::GetAZs': {
        const region = this.string(argument, path) || this.ctx.pseudo.region;
        return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
      }
      case 'Fn::Base64':
        return Buffer.from(this.string(argument, path)).toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(argument, path));
      case 'Fn::FindInMap': {
        const [map, top, second] = this.args(argument, 3, name, path).map((v, i) =>
          this.string(v, `${path}[${i}]`),
        );
        const mappings = this.template.Mappings as
          Record<string, Record<string, Record<string, unknown>>> | undefined;
        const found = mappings?.[map!]?.[top!]?.[second!];
        if (found === undefined) this.fail(path, `no mapping ${map}.${top}.${second}`);
        return this.resolve(found, path);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.args(argument, 3, name, path);
        return this.condition(this.string(condition, `${path}[0]`), `${path}[0]`)
          ? this.resolve(whenTrue, `${path}[1]`)
          : this.resolve(whenFalse, `${path}[2]`);
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Contains':
        return this.test({ [name]: argument }, path);
      case 'Fn::GetStackOutput':
        return this.stackOutput(argument, path);
      case 'Fn::ImportValue':
        return this.importValue(this.string(argument, path), path);
      default:
        return this.fail(path, `${name} is not supported by the local stack`);
    }
  }

  private ref(name: string, path: string): unknown {
    const { region, accountId } = this.ctx.pseudo;
    switch (name) {
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Partition':
        return partitionOf(region);
      case 'AWS::URLSuffix':
        return urlSuffixOf(region);
      case 'AWS::StackName':
        return this.ctx.stackName;
      case 'AWS::StackId':
        return `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:stack/${this.ctx.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const resource = this.ctx.resources[this.ctx.stackName]?.[name];
    if (resource !== undefined) return resource.ref;
    const parameter = this.template.Parameters?.[name];
    if (parameter !== undefined) {
      const value = this.ctx.parameters?.[name] ?? parameter.Default;
      if (value === undefined) this.fail(path, `parameter ${name} has no value and no Default`);
      return value;
    }
    return this.fail(path, `Ref to ${name}: no such resource, parameter or pseudo parameter`);
  }

  private getAtt(argument: unknown, path: string): string {
    let logicalId: string;
    let attribute: string;
    if (typeof argument === 'string') {
      const dot = argument.indexOf('.');
      if (dot < 0) this.fail(path, `Fn::GetAtt "${argument}" is not "LogicalId.Attribute"`);
      logicalId = argument.slice(0, dot);
      attribute = argument.slice(dot + 1);
    } else {
      const [id, att] = this.args(argument, 2, 'Fn::GetAtt', path);
      logicalId = this.string(id, `${path}[0]`);
      attribute = this.string(att, `${path}[1]`);
    }
    const resource = this.ctx.resources[this.ctx.stackName]?.[logicalId];
    if (resource === undefined) this.fail(path, `Fn::GetAtt of ${logicalId}: no such resource`);
    const value = resource.attributes[attribute];
    if (value === undefined) {
      const type = this.template.Resources[logicalId]?.Type ?? 'unknown type';
      this.fail(
        path,
        `Fn::GetAtt ${logicalId}.${attribute}: the local ${type} has no such attribute (has: ${Object.keys(resource.attributes).join(', ') || 'none'})`,
      );
    }
    return value;
  }

  private sub(argument: unknown, path: string): string {
    let text: unknown = argument;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(argument)) {
      [text, variables = {}] = this.args(argument, 2, 'Fn::Sub', path) as [
        unknown,
        Record<string, unknown>,
      ];
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
        this.fail(`${path}[1]`, 'Fn::Sub variables must be a map');
      }
    }
    if (typeof text !== 'string') this.fail(path, `Fn::Sub needs a string, got ${show(text)}`);
    return text.replace(/\$\{([^}]*)\}/g, (match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in variables) return this.string(variables[name], `${path}[1].${name}`);
      if (!name.startsWith('AWS::') && name.includes('.')) return this.getAtt(name, path);
      const value = this.ref(name, `${path} ${match}`);
      if (typeof value !== 'string') this.fail(path, `${match} is not a string`);
      return value;
    });
  }

  private condition(name: string, path: string): boolean {
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) this.fail(path, `no condition ${name}`);
    return this.test(definition, `Conditions.${name}`);
  }

  private test(value: unknown, path: string): boolean {
    if (typeof value === 'boolean') return value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const [entry] = Object.entries(value);
      if (entry !== undefined && Object.keys(value).length === 1) {
        const [name, argument] = entry;
        const at = `${path}.${name}`;
        switch (name) {
          case 'Condition':
            return this.condition(this.string(argument, at), at);
          case 'Fn::Equals': {
            const [a, b] = this.args(argument, 2, name, at);
            return (
              JSON.stringify(this.resolve(a, `${at}[0]`)) ===
              JSON.stringify(this.resolve(b, `${at}[1]`))
            );
          }
          case 'Fn::Not':
            return !this.test(this.args(argument, 1, name, at)[0], `${at}[0]`);
          case 'Fn::And':
            return (argument as unknown[]).every((c, i) => this.test(c, `${at}[${i}]`));
          case 'Fn::Or':
            return (argument as unknown[]).some((c, i) => this.test(c, `${at}[${i}]`));
          case 'Fn::Contains': {
            const [list, item] = this.args(argument, 2, name, at);
            const wanted = JSON.stringify(this.resolve(item, `${at}[1]`));
            return this.list(list, `${at}[0]`).some((v) => JSON.stringify(v) === wanted);
          }
        }
      }
    }
    return this.fail(path, `not a condition: ${show(value)}`);
  }

  private stackOutput(argument: unknown, path: string): unknown {
    if (argument === null || typeof argument !== 'object' || Array.isArray(argument)) {
      this.fail(path, 'Fn::GetStackOutput takes {StackName, OutputName, Region?}');
    }
    const { StackName, OutputName, Region } = argument as Record<string, unknown>;
    const stackName = this.string(StackName, `${path}.StackName`);
    const outputName = this.string(OutputName, `${path}.OutputName`);
    if (Region !== undefined) {
      const region = this.string(Region, `${path}.Region`);
      if (region !== this.ctx.pseudo.region) {
        this.fail(
          path,
          `output ${outputName} of ${stackName} is in ${region}, not local ${this.ctx.pseudo.region}`,
        );
      }
    }
    const producer = this.ctx.templates[stackName];
    if (producer === undefined) {
      this.fail(path, `Fn::GetStackOutput: no synthesized stack ${stackName}`);
    }
    const output = producer.Outputs?.[outputName];
    if (output === undefined) {
      this.fail(path, `Fn::GetStackOutput: stack ${stackName} has no output ${outputName}`);
    }
    return new Resolver({ ...this.ctx, stackName }).resolve(
      output.Value,
      `Outputs.${outputName}.Value`,
    );
  }

  private importValue(exportName: string, path: string): unknown {
    for (const [stackName, template] of Object.entries(this.ctx.templates)) {
      for (const [outputName, output] of Object.entries(template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        const producer = new Resolver({ ...this.ctx, stackName });
        const at = `Outputs.${outputName}`;
        if (producer.string(output.Export.Name, `${at}.Export.Name`) === exportName) {
          return producer.resolve(output.Value, `${at}.Value`);
        }
      }
    }
    return this.fail(path, `Fn::ImportValue: no stack exports ${exportName}`);
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
