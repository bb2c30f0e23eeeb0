/** asl-validator 4 ships no type declarations: its API as dist/src/validator.js defines it. */
declare module 'asl-validator' {
  export interface AslValidationError {
    /** e.g. SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET (dist/src/types.js). */
    'Error code': string;
    Message: string;
  }

  export interface AslValidatorOptions {
    /** Validate the JSONPath expressions of InputPath, ResultPath, Parameters, …. */
    checkPaths: boolean;
    /** Validate the ARN of every Task Resource. */
    checkArn: boolean;
  }

  /** Validates one state machine definition (the object is annotated in place: pass a copy). */
  export default function aslValidator(
    definition: unknown,
    options?: AslValidatorOptions,
  ): {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText: (separator?: string) => string;
  };
}
