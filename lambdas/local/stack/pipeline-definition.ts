import type { CfnTemplate, LocalResources, PseudoParameters } from './local-resources.ts';
import { resolveIntrinsics } from './template-intrinsics.ts';

/** A state of an Amazon States Language definition, as far as the local runner reads it. */
export interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: unknown;
  Next?: string;
  End?: boolean;
  TimeoutSeconds?: number;
  Retry?: unknown[];
  Catch?: unknown[];
  ItemReader?: {
    Resource: string;
    ReaderConfig?: { InputType?: string; MaxItems?: number };
    Parameters?: Record<string, unknown>;
  };
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
  Branches?: AslMachine[];
  [field: string]: unknown;
}

export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  QueryLanguage?: string;
  [field: string]: unknown;
}

/** The state machine of a synthesized stack with its definition resolved to local values. */
export interface PipelineDefinition {
  stackName: string;
  logicalId: string;
  arn: string;
  name: string;
  definition: AslMachine;
}

/**
 * Reads the one AWS::StepFunctions::StateMachine of `stackName` and resolves its
 * DefinitionString (or Definition + DefinitionSubstitutions) against the local resources, so the
 * local run executes exactly the definition the stack deploys.
 */
export function pipelineDefinition(
  templates: Readonly<Record<string, CfnTemplate>>,
  resources: LocalResources,
  pseudo: PseudoParameters,
  stackName: string,
): PipelineDefinition {
  const template = templates[stackName];
  if (template === undefined) {
    throw new Error(
      `no synthesized stack ${stackName} (have: ${Object.keys(templates).join(', ')})`,
    );
  }
  const machines = Object.entries(template.Resources).filter(
    ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine',
  );
  if (machines.length !== 1) {
    throw new Error(
      `${stackName} must hold exactly one AWS::StepFunctions::StateMachine to run locally, has ${machines.length}`,
    );
  }
  const [logicalId, machine] = machines[0]!;
  const ctx = { templates, resources, pseudo, stackName };
  const at = `Resources.${logicalId}.Properties`;
  const props = machine.Properties ?? {};
  let definition: unknown;
  if (props.DefinitionString !== undefined) {
    const text = resolveIntrinsics(props.DefinitionString, ctx, `${at}.DefinitionString`);
    if (typeof text !== 'string')
      throw new Error(`${stackName} ${at}.DefinitionString: not a string`);
    definition = JSON.parse(substitute(text, props.DefinitionSubstitutions, ctx, at));
  } else if (props.Definition !== undefined) {
    const text = JSON.stringify(resolveIntrinsics(props.Definition, ctx, `${at}.Definition`));
    definition = JSON.parse(substitute(text, props.DefinitionSubstitutions, ctx, at));
  } else {
    throw new Error(`${stackName} ${at}: the state machine has no definition in the template`);
  }
  const local = resources[stackName]?.[logicalId];
  if (local === undefined) throw new Error(`${stackName}/${logicalId}: no local resource`);
  const resolved = definition as AslMachine;
  if (resolved.QueryLanguage !== undefined && resolved.QueryLanguage !== 'JSONPath') {
    throw new Error(
      `${stackName}/${logicalId}: QueryLanguage ${resolved.QueryLanguage} cannot run locally; keep the definition in JSONPath`,
    );
  }
  return {
    stackName,
    logicalId,
    arn: local.ref,
    name: local.attributes.Name ?? logicalId,
    definition: resolved,
  };
}

function substitute(
  text: string,
  substitutions: unknown,
  ctx: Parameters<typeof resolveIntrinsics>[1],
  at: string,
): string {
  if (substitutions === undefined) return text;
  const values = resolveIntrinsics(substitutions, ctx, `${at}.DefinitionSubstitutions`) as Record<
    string,
    unknown
  >;
  return text.replace(/\$\{([^}]+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}

/** Every state of `machine` and of the machines nested in its Map and Parallel states. */
export function allStates(machine: AslMachine): [string, AslState][] {
  return Object.entries(machine.States).flatMap(([name, state]) => [
    [name, state] as [string, AslState],
    ...[state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]
      .filter((nested): nested is AslMachine => nested !== undefined)
      .flatMap(allStates),
  ]);
}

/** A Map state whose items come from S3 (ItemReader) or that runs child executions. */
export function isDistributedMap(state: AslState): boolean {
  const mode = (state.ItemProcessor?.ProcessorConfig as { Mode?: string } | undefined)?.Mode;
  return state.Type === 'Map' && (state.ItemReader !== undefined || mode === 'DISTRIBUTED');
}
