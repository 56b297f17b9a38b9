// The AArch64 assembly language server (LSP over stdio/IPC): wires the documents and the workspace to hover,
// completion, navigation and document symbols, all drawn from the instruction and system-register tables, and
// to the built-in assembler's diagnostics.
import {
  createConnection, FileChangeType, InitializeParams, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { A64_ROWS } from '../arch/a64/table';
import { complete, resolveCompletion } from './completion';
import { assemblyDiagnostics } from './diagnostics';
import { hover } from './hover';
import { InstructionIndex } from './instructionIndex';
import { definition, documentSymbols, references } from './navigation';
import { uriToPath, Workspace } from './workspace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const instructions = new InstructionIndex(A64_ROWS);
const workspace = new Workspace((word) => instructions.find(word) !== undefined);

connection.onInitialize((params: InitializeParams) => {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const options = params.initializationOptions as { includeDirs?: string[] } | undefined;
  workspace.setRoots(folders.map(uriToPath).filter((p): p is string => p !== undefined), options?.includeDirs ?? []);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.', ' ', ','], resolveProvider: true },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
    },
  };
});

/** Assembling waits for a pause in typing. */
const DIAGNOSTICS_DELAY_MS = 250;
const pending = new Map<string, NodeJS.Timeout>();

function scheduleDiagnostics(uri: string): void {
  clearTimeout(pending.get(uri));
  pending.set(uri, setTimeout(() => {
    pending.delete(uri);
    if (!documents.get(uri)) return;
    try {
      void connection.sendDiagnostics({ uri, diagnostics: assemblyDiagnostics(workspace, uri) });
    } catch (e) {
      // An assembler failure must not take the server (hover, completion…) down with it.
      connection.console.error(`assembling ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }, DIAGNOSTICS_DELAY_MS));
}

documents.onDidChangeContent(({ document }) => {
  workspace.setOpen(document.uri, document.version, document.getText());
  // The document itself, and the open documents that include it.
  for (const d of documents.all()) if (d.uri === document.uri || workspace.closure(d.uri).includes(document.uri)) scheduleDiagnostics(d.uri);
});
documents.onDidClose(({ document }) => {
  workspace.close(document.uri);
  clearTimeout(pending.get(document.uri));
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

// Files created or deleted outside the editor (the client watches assembly sources): definitions follow, and open
// documents that might use them are assembled again. Changes on disk are seen by their modification time.
connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const c of changes) {
    if (c.type === FileChangeType.Created) workspace.fileCreated(c.uri);
    else if (c.type === FileChangeType.Deleted) workspace.fileDeleted(c.uri);
  }
  for (const d of documents.all()) scheduleDiagnostics(d.uri);
});

connection.onHover(({ textDocument, position }) => hover(workspace, instructions, textDocument.uri, position));
connection.onCompletion(({ textDocument, position, context }) =>
  complete(workspace, instructions, textDocument.uri, position, context?.triggerCharacter));
connection.onCompletionResolve((item) => resolveCompletion(instructions, item));
connection.onDefinition(({ textDocument, position }) => definition(workspace, textDocument.uri, position));
connection.onReferences(({ textDocument, position, context }) =>
  references(workspace, textDocument.uri, position, context.includeDeclaration));
connection.onDocumentSymbol(({ textDocument }) => {
  const index = workspace.index(textDocument.uri);
  return index ? documentSymbols(index) : [];
});

documents.listen(connection);
connection.listen();
