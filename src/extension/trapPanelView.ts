// The MMIO trap panel on the host side: keeps the session's trap records (TrapStore), feeds the webview in batches,
// backfills what it missed with `trapdoor/traps`, opens a record's source line or disassembly, and exports.
import * as vscode from 'vscode';
import { REQUEST_TRAPS, type SessionInfoView, type TrapRecordView } from './contract';
import { formatListing, LISTING_BEFORE, LISTING_COUNT, type ListingInstruction } from './disasmListing';
import { matches, parseFilter, toCsv, toJsonl, TrapStore, type TrapFilterInput } from './trapTable';
import type { TrapPanelIn, TrapPanelOut } from './webview/messages';
import { requestError, setupWebview, trapdoorSession } from './webviewHost';

/** Records per message: few messages, yet each one's structured clone and handling stays a short task in the page
 * (5000 records took ~75 ms to clone in Chromium on a loaded machine). */
const CHUNK = 2000;
/** Live records wait this long for others to join their message. */
const FLUSH_MS = 100;

export class TrapPanel implements vscode.WebviewViewProvider {
  static readonly viewId = 'trapdoor.trapPanel';
  readonly store = new TrapStore();
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pending: TrapRecordView[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private session: SessionInfoView | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly listings: DisassemblyListings) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    setupWebview(view.webview, this.extensionUri, 'trapPanel', 'MMIO Traps');
    view.webview.onDidReceiveMessage((m: TrapPanelOut) => this.receive(m));
    view.onDidDispose(() => { this.view = undefined; this.ready = false; });
  }

  /** A new session: its records start from sequence 0 again. */
  sessionStarted(): void {
    this.store.clear();
    this.pending = [];
    this.session = undefined;
    this.sendAll();
  }

  /** `trapdoor/sessionInfo`: what the machine is, so that an empty panel can say why it is empty. */
  sessionInfo(info: SessionInfoView): void {
    this.session = info;
    this.post({ type: 'session', info });
  }

  /** A `trapdoor/traps` event's batch. */
  add(session: vscode.DebugSession, records: readonly TrapRecordView[]): void {
    if (records.length === 0) return;
    const missing = this.store.missingFrom(records[0].seq);
    if (this.store.add(records) === 'merged') this.sendAll();
    else this.queue(records);
    if (missing !== undefined) void this.backfill(session, missing);
  }

  /** Asks the adapter for every record from `from` on (a panel opened mid-session, or a batch that left a gap). */
  async backfill(session: vscode.DebugSession, from: number): Promise<void> {
    try {
      const body = await session.customRequest(REQUEST_TRAPS, { from }) as { records?: TrapRecordView[] } | undefined;
      if (body?.records?.length && this.store.add(body.records) === 'merged') this.sendAll();
      else if (body?.records?.length) this.queue(body.records);
    } catch (e) {
      vscode.window.setStatusBarMessage(`Trapdoor: could not fetch earlier trap records: ${requestError(e)}`, 5000);
    }
  }

  private queue(records: readonly TrapRecordView[]): void {
    for (const r of records) this.pending.push(r);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    for (let i = 0; i < batch.length; i += CHUNK) this.post({ type: 'append', records: batch.slice(i, i + CHUNK) });
  }

  private sendAll(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    const all = this.store.records;
    this.post({ type: 'session', info: this.session });
    this.post({ type: 'reset', records: all.slice(0, CHUNK) });
    for (let i = CHUNK; i < all.length; i += CHUNK) this.post({ type: 'append', records: all.slice(i, i + CHUNK) });
  }

  private post(m: TrapPanelIn): void {
    if (this.view && this.ready) void this.view.webview.postMessage(m);
  }

  private receive(m: TrapPanelOut): void {
    if (m.type === 'ready') {
      this.ready = true;
      this.sendAll();
      const session = trapdoorSession();
      if (session && this.store.size === 0) void this.backfill(session, 0);
    } else if (m.type === 'open') {
      const r = this.store.bySeq(m.seq);
      if (r) void this.open(r);
    } else if (m.type === 'export') {
      void this.export(m.format, m.filter);
    }
  }

  /** The record's source line when the adapter gave one and it exists, else the disassembly at its PC. */
  private async open(r: TrapRecordView): Promise<void> {
    if (r.source) {
      try {
        const line = Math.max(0, r.source.line - 1);
        await vscode.window.showTextDocument(vscode.Uri.file(r.source.path), {
          selection: new vscode.Range(line, 0, line, 0), preview: true, viewColumn: vscode.ViewColumn.One,
        });
        return;
      } catch {
        // The file moved or is not readable: the disassembly still shows where the guest was.
      }
    }
    await this.listings.show(r.pc, r.symbol ? `${r.pc} <${r.symbol}>` : r.pc, `exit #${r.seq}`);
  }

  private async export(format: 'csv' | 'jsonl', input: TrapFilterInput): Promise<void> {
    const filter = parseFilter(input);
    if (typeof filter === 'string') { void vscode.window.showErrorMessage(`Trapdoor: ${filter}`); return; }
    const rows = this.store.records.filter((r) => matches(filter, r));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `trapdoor-traps.${format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
      saveLabel: `Export ${rows.length} records`,
    });
    if (!target) return;
    const text = format === 'csv' ? toCsv(rows) : toJsonl(rows);
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(`Trapdoor: exported ${rows.length} trap records to ${target.fsPath}.`);
  }
}

/**
 * Read-only documents (scheme trapdoor-disasm) with the adapter's disassembly around an address: VS Code's own
 * Disassembly view follows the focused stack frame only, and its command takes no address.
 */
export class DisassemblyListings implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'trapdoor-disasm';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// The session that produced this listing has ended.\n';
  }

  async show(pc: string, title: string, why: string): Promise<void> {
    const session = trapdoorSession();
    if (!session) {
      void vscode.window.showWarningMessage(`Trapdoor: ${why} at ${title} has no source line, and its disassembly needs the session that recorded it.`);
      return;
    }
    let instructions: ListingInstruction[];
    try {
      const body = await session.customRequest('disassemble', {
        memoryReference: pc, instructionOffset: -LISTING_BEFORE, instructionCount: LISTING_COUNT, resolveSymbols: true,
      }) as { instructions?: ListingInstruction[] } | undefined;
      instructions = body?.instructions ?? [];
    } catch (e) {
      void vscode.window.showErrorMessage(`Trapdoor: cannot disassemble at ${pc}: ${requestError(e)}`);
      return;
    }
    const listing = formatListing(instructions, pc, `${why} at ${title}`);
    const uri = vscode.Uri.from({ scheme: DisassemblyListings.scheme, path: `/${pc}.dis` });
    this.texts.set(uri.toString(), listing.text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = Math.max(0, listing.pcLine);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0), preview: true, viewColumn: vscode.ViewColumn.One });
  }

  /** A session ended: its listings are stale. */
  clear(): void { this.texts.clear(); }

  dispose(): void { this.changed.dispose(); }
}
