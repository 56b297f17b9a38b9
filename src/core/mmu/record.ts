// The walk record: when recording, the walker (walk.ts) appends every descriptor it reads to a buffer in linear
// memory that the host reads (src/machine/core.ts translateForDebugger()).

/** Entries kept; a walk reads at most 4 stage-1 descriptors, each with a stage-2 walk of up to 4, plus stage 2. */
export const RECORD_MAX: u32 = 32;
/** Bytes per entry: stage u32, level i32, table base u64, descriptor address u64, descriptor u64. */
export const RECORD_ENTRY_SIZE: u32 = 32;
export const walkRecord: usize = memory.data(<i32>(RECORD_MAX * RECORD_ENTRY_SIZE), 16);

export let recording: bool = false;
export let recordCount: u32 = 0;

export function startRecording(): void { recording = true; recordCount = 0; }
export function stopRecording(): void { recording = false; }

export function recordDescriptor(stage: u32, level: i32, table: u64, descaddr: u64, desc: u64): void {
  if (recordCount >= RECORD_MAX) return;
  const e = walkRecord + <usize>(recordCount * RECORD_ENTRY_SIZE);
  store<u32>(e, stage);
  store<i32>(e, level, 4);
  store<u64>(e, table, 8);
  store<u64>(e, descaddr, 16);
  store<u64>(e, desc, 24);
  recordCount++;
}
