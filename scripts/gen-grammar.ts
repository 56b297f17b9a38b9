// Writes syntaxes/aarch64.tmLanguage.json from the instruction and system-register tables (src/language/grammar.ts).
// Usage: npm run gen:grammar   (test/unit/language-grammar.test.ts fails while the committed file is stale)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGrammar, grammarText } from '../src/language/grammar';

// Run from the repository root (npm scripts do): the script itself runs from a temporary bundle.
const file = join(process.cwd(), 'syntaxes', 'aarch64.tmLanguage.json');
writeFileSync(file, grammarText(buildGrammar()));
console.log(`wrote ${file}`);
