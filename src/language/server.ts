// The AArch64 assembly language server (LSP over stdio/IPC): hover and completion for mnemonics,
// drawn from the one A64 instruction table.
import {
  CompletionItem, CompletionItemKind, createConnection, Hover, MarkupKind, ProposedFeatures, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { A64_ROWS } from '../arch/a64/table';
import { buildMnemonicIndex, describeMnemonic } from './instructionIndex';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const mnemonics = buildMnemonicIndex(A64_ROWS);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['.'] },
  },
}));

function wordAt(doc: TextDocument, line: number, character: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const re = /[A-Za-z_][A-Za-z0-9_.]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index <= character && character <= m.index + m[0].length) return m[0];
  }
  return '';
}

connection.onHover(({ textDocument, position }): Hover | null => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return null;
  const word = wordAt(doc, position.line, position.character).toLowerCase();
  const e = mnemonics.get(word) ?? mnemonics.get(word.replace(/\.(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al|nv)$/, '.cond'));
  return e ? { contents: { kind: MarkupKind.Markdown, value: describeMnemonic(e) } } : null;
});

connection.onCompletion((): CompletionItem[] =>
  [...mnemonics.values()].map((e) => ({
    label: e.mnemonic,
    kind: CompletionItemKind.Keyword,
    detail: e.rows.length ? e.rows.map((r) => r.group).filter((g, i, a) => a.indexOf(g) === i).join(', ') : 'alias',
  })));

documents.listen(connection);
connection.listen();
