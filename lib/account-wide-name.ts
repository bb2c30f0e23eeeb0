import { Lazy, Names, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Room for `-<region>`: the longest region names so far have 15 characters (us-isof-south-1). */
const REGION_SUFFIX_LENGTH = 1 + 16;

/**
 * Physical name for the construct `id` about to be created in `scope`, for resources whose names
 * are unique per account, not per region (CloudFront's response headers policies and origin
 * access controls): the unique name aws-cdk-lib would generate, plus the stack's region, so one
 * account can hold the same stage in two regions. Lazy, as it derives from the construct's path.
 */
export function accountWideName(scope: IConstruct, id: string, maxLength: number): string {
  return Lazy.string({
    produce: () =>
      `${Names.uniqueResourceName(scope.node.findChild(id), { maxLength: maxLength - REGION_SUFFIX_LENGTH })}-${Stack.of(scope).region}`,
  });
}
