// The repository root and the test-only packages the end-to-end runners load from its node_modules (the runners
// are bundled into temporary files, from where a plain require would not find them).
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function repoRoot(): string {
  const root = process.env.TRAPDOOR_ROOT;
  if (!root) throw new Error('TRAPDOOR_ROOT is not set: run the end-to-end tests with `npm run test:e2e`');
  return root;
}

export function requireFromRoot<T>(id: string): T {
  return createRequire(join(repoRoot(), 'package.json'))(id) as T;
}
