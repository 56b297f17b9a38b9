// The debugger's view of the MMU: translateForDebugger() runs the one walker (walk.ts) with recording on and lays
// the record and the result out in linear memory for the host. Changes no guest state.
import {
  faultIpa, faultLevel, faultS1ptw, faultStage, outIPA, outPA, s1Attr, s1BlockBits, s1Level, s1nG, s1Perms, s1SH,
  s2BlockBits, s2Level, s2MemAttr, s2Perms, s2SH, translate, walkFault,
} from './walk';
import { recordCount, startRecording, stopRecording, walkRecord } from './record';

/**
 * Result block (u64 slots): 0 fault type (0 none), 1 fault stage, 2 fault level, 3 S1PTW, 4 fault IPA, 5 PA,
 * 6 IPA, 7 stage-1 MAIR attribute, 8 stage-1 SH, 9 stage-1 nG, 10 stage-1 level, 11 stage-1 block bits,
 * 12 stage-1 permissions, 13 stage-2 MemAttr, 14 stage-2 SH, 15 stage-2 level, 16 stage-2 block bits,
 * 17 stage-2 permissions, 18 number of record entries.
 */
export const walkResult: usize = memory.data(19 * 8, 16);

/** Translates va in `regime` (1 EL1&0, 2 EL2, 3 EL3, 4 EL2&0) for `accessKind` (walk.ts ACC_*); returns the fault type. */
export function translateForDebugger(va: u64, regime: u32, accessKind: u32): u32 {
  startRecording();
  translate(va, regime, accessKind);
  stopRecording();
  store<u64>(walkResult, walkFault);
  store<u64>(walkResult, faultStage, 8);
  store<u64>(walkResult, <u64><i64>faultLevel, 16);
  store<u64>(walkResult, faultS1ptw ? 1 : 0, 24);
  store<u64>(walkResult, faultIpa, 32);
  store<u64>(walkResult, outPA, 40);
  store<u64>(walkResult, outIPA, 48);
  store<u64>(walkResult, s1Attr, 56);
  store<u64>(walkResult, s1SH, 64);
  store<u64>(walkResult, s1nG, 72);
  store<u64>(walkResult, <u64><i64>s1Level, 80);
  store<u64>(walkResult, s1BlockBits, 88);
  store<u64>(walkResult, s1Perms, 96);
  store<u64>(walkResult, s2MemAttr, 104);
  store<u64>(walkResult, s2SH, 112);
  store<u64>(walkResult, <u64><i64>s2Level, 120);
  store<u64>(walkResult, s2BlockBits, 128);
  store<u64>(walkResult, s2Perms, 136);
  store<u64>(walkResult, recordCount, 144);
  return walkFault;
}

export function walkRecordPointer(): usize { return walkRecord; }
export function walkResultPointer(): usize { return walkResult; }
