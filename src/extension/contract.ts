// The adapter's custom events and requests as the extension receives them (the adapter ↔ extension contract):
// 64-bit values are "0x…" strings, everything else is plain JSON.
import type { TrapRecord } from '../machine/traps';

/** A trap record with the symbol and source line of its PC. */
export interface TrapRecordView extends TrapRecord {
  readonly symbol?: string;
  readonly source?: { readonly path: string; readonly line: number };
}

export type WalkFaultType = 'translation' | 'accessFlag' | 'addressSize' | 'permission' | 'externalAbortOnWalk';

export interface WalkStepView {
  readonly stage: 1 | 2;
  readonly level: number;
  /** Base of the table read (an IPA for a stage-1 table under stage 2). */
  readonly table: string;
  /** Physical address of the descriptor. */
  readonly address: string;
  readonly descriptor: string;
}

/** The serialisation of WalkResult (src/machine/core.ts). */
export interface WalkView {
  readonly steps: readonly WalkStepView[];
  readonly fault?: { readonly type: WalkFaultType; readonly stage: 1 | 2; readonly level: number; readonly s1ptw: boolean; readonly ipa: string };
  readonly pa?: string;
  readonly ipa?: string;
  readonly stage1?: {
    readonly attr: number; readonly sh: number; readonly nG: boolean; readonly level: number; readonly blockBits: number;
    readonly perms: { readonly r1: boolean; readonly w1: boolean; readonly x1: boolean; readonly r0: boolean; readonly w0: boolean; readonly x0: boolean };
  };
  readonly stage2?: {
    readonly memAttr: number; readonly sh: number; readonly level: number; readonly blockBits: number;
    readonly perms: { readonly r: boolean; readonly w: boolean; readonly x: boolean };
  };
}

export type RegimeName = 'el10' | 'el20' | 'el2' | 'el3';

/** Body of the `trapdoor/stage2Fault` event. */
export interface Stage2FaultView {
  readonly vcpu: number;
  readonly insnCount: string;
  readonly el: number;
  readonly pc: string;
  readonly esr: string;
  readonly far: string;
  readonly hpfar: string;
  readonly va: string;
  readonly ipa: string;
  readonly pa?: string;
  readonly write: boolean;
  readonly regime: RegimeName;
  readonly walk: WalkView;
}

/** Body of the `trapdoor/translate` response. */
export interface TranslationView {
  readonly regime: string;
  readonly va: string;
  readonly walk: WalkView;
}

/** Body of the `trapdoor/registerInfo` response. */
export interface RegisterInfoView {
  readonly name: string;
  readonly description: string;
  readonly el?: number;
  readonly encoding?: string;
  readonly value?: string;
  readonly fields: readonly {
    readonly name: string; readonly msb: number; readonly lsb: number;
    readonly value?: string; readonly meaning?: string; readonly description?: string;
  }[];
}

/** Body of the `trapdoor/sessionInfo` event. */
export interface SessionInfoView {
  readonly entryEl: number;
  readonly hypervisor: string;
  readonly gic: 2 | 3;
  readonly cpus: number;
}

export const EVENT_TRAPS = 'trapdoor/traps';
export const EVENT_STAGE2_FAULT = 'trapdoor/stage2Fault';
export const EVENT_SESSION_INFO = 'trapdoor/sessionInfo';
export const REQUEST_TRAPS = 'trapdoor/traps';
export const REQUEST_TRANSLATE = 'trapdoor/translate';
export const REQUEST_REGISTER_INFO = 'trapdoor/registerInfo';
