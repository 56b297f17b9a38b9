// The messages between the extension host and the three webviews (trap panel, stage-2 inspector, register page).
import type { RegisterInfoView, SessionInfoView, Stage2FaultView, TranslationView, TrapRecordView } from '../contract';
import type { TrapFilterInput } from '../trapTable';

export type TrapPanelIn =
  | { readonly type: 'reset'; readonly records: readonly TrapRecordView[] }
  | { readonly type: 'append'; readonly records: readonly TrapRecordView[] }
  | { readonly type: 'session'; readonly info: SessionInfoView | undefined };

export type TrapPanelOut =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly seq: number }
  | { readonly type: 'export'; readonly format: 'csv' | 'jsonl'; readonly filter: TrapFilterInput };

export type Stage2In =
  | { readonly type: 'fault'; readonly fault: Stage2FaultView }
  | { readonly type: 'translation'; readonly translation: TranslationView; readonly access: string }
  | { readonly type: 'clear' };

export type Stage2Out = { readonly type: 'ready' } | { readonly type: 'translate' };

export type RegisterIn = { readonly type: 'register'; readonly info: RegisterInfoView; readonly stopped: boolean };

export type RegisterOut = { readonly type: 'ready' } | { readonly type: 'refresh' };

/** What acquireVsCodeApi() gives a webview script. */
export interface WebviewApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}
