// A64 table: Branches, exception generating and system instructions (ARM ARM C4.1.93).
import type { EncodingGroup } from '../encoding';

export const BRANCH_SYS: EncodingGroup[] = [
];
