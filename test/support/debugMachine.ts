// A machine stopped where the debugger's expression and memory tests look at it: test/guests/mmu-stage2.S (stage 1
// at EL1 under stage 2, VMID 5) built with the cross toolchain, run until its first stage-2 MMIO fault is taken to EL2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Elf } from '../../src/machine/loaders/elf';
import { Runner } from '../../src/machine/runner';
import type { EvalEnv } from '../../src/debug/evaluate';
import { repoRoot } from './cross';

const EXCEPTION_TAKEN = 2;

export interface StoppedGuest {
  readonly runner: Runner;
  /** The frame of the EL1 guest (VAs in the EL1&0 regime) with the guest's symbols. */
  readonly env: EvalEnv;
  readonly symbols: ReadonlyMap<string, bigint>;
  readonly output: string[];
}

function build(name: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'trapdoor-debug-'));
  try {
    const guests = join(repoRoot(), 'test/guests');
    execFileSync('aarch64-linux-gnu-as', ['-I', guests, '-o', join(dir, 'g.o'), join(guests, `${name}.S`)]);
    execFileSync('aarch64-linux-gnu-ld', ['-Ttext=0x40080000', '-o', join(dir, 'g.elf'), join(dir, 'g.o')]);
    return readFileSync(join(dir, 'g.elf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh machine at the EL2 vector of mmu-stage2's `ldr w3, [x22]` (x22 = 0x09000000, x21 = 0x40600000). */
export async function stage2Stop(): Promise<StoppedGuest> {
  const image = build('mmu-stage2');
  const output: string[] = [];
  const runner = await Runner.create(image, {
    el: 3, memory: 128n << 20n, root: tmpdir(), cmdline: 'g.elf',
    console: { write: (b) => { output.push(Buffer.from(b).toString('latin1')); }, readByte: () => undefined },
  });
  runner.setDebuggerEvents(1 << EXCEPTION_TAKEN);
  const core = runner.core;
  for (let i = 0; ; i++) {
    if (i > 100) throw new Error('mmu-stage2 took no Data Abort to EL2');
    const r = runner.step(1_000_000n);
    if (r !== 'debug') throw new Error(`mmu-stage2 ended: ${JSON.stringify(r)}`);
    const last = core.exports.lastException();
    if (((last >> 2) & 3) === 2 && (last & 3) === 1) break;
  }
  const symbols = new Map<string, bigint>();
  for (const s of new Elf(image).symbols('symtab')) if (s.name && s.shndx !== 0) symbols.set(s.name, s.value);
  const sorted = [...symbols].sort((a, b) => (a[1] < b[1] ? -1 : 1));
  const env: EvalEnv = {
    core, runner, el: 1,
    symbol: (n) => symbols.get(n),
    symbolNames: () => [...symbols.keys()],
    symbolAt: (a) => {
      let best: [string, bigint] | undefined;
      for (const s of sorted) if (s[1] <= a) best = s;
      if (!best) return undefined;
      return best[1] === a ? best[0] : `${best[0]}+0x${(a - best[1]).toString(16)}`;
    },
  };
  return { runner, env, symbols, output };
}
