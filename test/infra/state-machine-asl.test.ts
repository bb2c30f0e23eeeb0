import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { PIPELINE_STATES } from '../../lib/pipeline-stack.ts';
import type { AslMachine } from '../../lambdas/local/stack/pipeline-definition.ts';
import { pipelineDefinition } from '../../lambdas/local/stack/pipeline-definition.ts';
import { synthesizeApp } from './synthesized-app.ts';

/**
 * The training pipeline's definition as the Pipeline stack synthesizes it (its DefinitionString
 * resolved, with the ARNs CloudFormation would give the functions, topic and bucket), checked by
 * asl-validator: the Amazon States Language schema of every state, JSONPath syntax, ARN formats,
 * transition targets that exist, reachable states, a terminal state.
 */
function definitionOf(context: Record<string, unknown>): AslMachine {
  const app = synthesizeApp(context);
  return pipelineDefinition(app.templates, app.resources, app.pseudo, app.stacks.pipeline.stackName)
    .definition;
}

/** asl-validator's errors for `definition` as "CODE: message" lines (it annotates its input). */
const errorsOf = (definition: AslMachine): string[] =>
  aslValidator(structuredClone(definition)).errors.map((e) => `${e['Error code']}: ${e.Message}`);

describe.each([
  { training: 'Lambda and Fargate', context: {} },
  { training: 'Lambda only', context: { fargateTraining: 'false' } },
])('the state machine with $training training', ({ context }) => {
  const definition = definitionOf(context);

  it('is valid Amazon States Language', () => {
    expect(Object.keys(definition.States)).toContain(PIPELINE_STATES.publish);
    expect(errorsOf(definition)).toEqual([]);
  });

  it('fails validation with a transition to a state that does not exist', () => {
    const broken = structuredClone(definition);
    broken.States[PIPELINE_STATES.publish]!.Next = 'Publish twice';
    expect(errorsOf(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/MISSING_TRANSITION_TARGET.*Publish twice/)]),
    );
  });

  it('fails validation with a ResultPath that is not a reference path', () => {
    const broken = structuredClone(definition);
    broken.States[PIPELINE_STATES.evaluate]!.ResultPath = '$.[evaluation';
    expect(errorsOf(broken)).toEqual([
      expect.stringMatching(/^SCHEMA_VALIDATION_FAILED: \/States\/Evaluate\/ResultPath is invalid/),
    ]);
  });
});
