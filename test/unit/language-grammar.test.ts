// The TextMate grammar: the committed file is what scripts/gen-grammar.ts writes from the tables, and
// vscode-textmate (VS Code's own tokenizer) gives the fixture files in test/fixtures/grammar the expected scopes.
// Each fixture X.S has X.S.scopes next to it: every source line, then its tokens indented as `"text" scope`
// (the innermost scope other than meta.*, without `.aarch64`). TRAPDOOR_UPDATE_SCOPES=1 rewrites them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, IGrammar, parseRawGrammar, Registry, StateStack } from 'vscode-textmate';
import { A64_ROWS } from '../../src/arch/a64/table';
import { buildGrammar, grammarText, wordsPattern } from '../../src/language/grammar';
import { BRANCH_CONDITIONS, mnemonicVocabulary, PSTATE_FIELD_NAMES, SYSREG_NAMES } from '../../src/language/vocabulary';
import { repoRoot } from '../support/cross';

const grammarFile = join(repoRoot(), 'syntaxes/aarch64.tmLanguage.json');
const fixtures = join(repoRoot(), 'test/fixtures/grammar');

async function loadGrammar(): Promise<IGrammar> {
  await oniguruma.loadWASM(readFileSync(join(repoRoot(), 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name) => (name === 'source.asm.aarch64'
      ? parseRawGrammar(readFileSync(grammarFile, 'utf8'), grammarFile) : null),
  });
  const g = await registry.loadGrammar('source.asm.aarch64');
  if (!g) throw new Error('grammar did not load');
  return g;
}

const grammar = loadGrammar();

/** The fixture tokenised in the expected files' format. */
function describe(g: IGrammar, source: string): string {
  const out: (string | { text: string; scope: string })[] = [];
  let state: StateStack = INITIAL;
  for (const line of source.replace(/\n$/, '').split('\n')) {
    out.push(line);
    const r = g.tokenizeLine(line, state);
    let last: { text: string; scope: string } | undefined;
    for (const t of r.tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      const scope = [...t.scopes].reverse().find((s) => !s.startsWith('meta.') && s !== 'source.asm.aarch64');
      if (!scope || !text.trim()) { last = undefined; continue; }
      // Adjacent pieces of one scope (a string's quotes and text) are one token to a reader.
      if (last?.scope === scope) last.text += text;
      else out.push(last = { text, scope });
    }
    state = r.ruleStack;
  }
  return `${out.map((o) => (typeof o === 'string' ? o : `\t${JSON.stringify(o.text)} ${o.scope.replace(/\.aarch64$/, '')}`)).join('\n')}\n`;
}

test('the committed grammar is the one generated from the tables', () => {
  assert.equal(readFileSync(grammarFile, 'utf8'), grammarText(buildGrammar()),
    'syntaxes/aarch64.tmLanguage.json is stale: run npm run gen:grammar');
});

test('word sets become trie patterns that match exactly those words', () => {
  const words = ['ldr', 'ldrb', 'ldrsw', 'ld1', 'b', 'bl', 'b.eq'];
  const re = new RegExp(`^(?:${wordsPattern(words)})$`);
  for (const w of words) assert.ok(re.test(w), w);
  for (const w of ['ld', 'ldrs', 'bx', 'b.', 'ldrbb']) assert.ok(!re.test(w), w);
});

for (const fixture of readdirSync(fixtures).filter((f) => /\.S$/.test(f))) {
  test(`grammar scopes of ${fixture}`, async () => {
    const actual = describe(await grammar, readFileSync(join(fixtures, fixture), 'utf8'));
    const expectedFile = join(fixtures, `${fixture}.scopes`);
    if (process.env.TRAPDOOR_UPDATE_SCOPES) writeFileSync(expectedFile, actual);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
  });
}

test('every mnemonic spelling and system register name of the tables, in any case, gets its scope', async () => {
  const g = await grammar;
  const vocab = mnemonicVocabulary(A64_ROWS);
  const scopeAt = (line: string, start: number) => g.tokenizeLine(line, INITIAL).tokens.find((t) => t.startIndex === start)?.scopes ?? [];
  const spellings = [...vocab.plain, ...[...vocab.conditional].flatMap((b) => BRANCH_CONDITIONS.map((c) => `${b}.${c}`))];
  for (const [i, m] of spellings.entries()) {
    const text = i % 2 ? m.toUpperCase() : m;
    const scopes = scopeAt(`\t${text} x0`, 1);
    const expected = vocab.control.has(m) || m.includes('.') ? 'keyword.control.branch.aarch64' : 'keyword.other.mnemonic.aarch64';
    assert.ok(scopes.includes(expected), `${text}: ${scopes.join(' ')}`);
  }
  for (const [i, name] of [...SYSREG_NAMES, ...PSTATE_FIELD_NAMES, 's3_7_c15_c15_7'].entries()) {
    const text = i % 2 ? name.toLowerCase() : name;
    assert.ok(scopeAt(`\tmsr ${text}, x0`, 5).includes('support.variable.sysreg.aarch64'), text);
  }
});
