// Runs a guest headless: loads it, sets the entry state of the chosen EL, and drives the core until the guest
// exits through semihosting, stops making progress, or reaches the instruction limit.
import { Core } from './core';
import { Elf } from './loaders/elf';
import { loadElf } from './loaders/load';
import { Console, Semihosting } from './semihosting';
import { sysRegIndex } from '../arch/sysregs/table';

export const RAM_BASE = 0x40000000n;

export interface RunOptions {
  /** Exception level the guest starts at; EL2 and EL3 exist only when the guest starts at or above them. */
  readonly el: 1 | 2 | 3;
  readonly memory: bigint;
  readonly maxInsns?: bigint;
  /** Directory semihosting file access is confined to. */
  readonly root: string;
  readonly cmdline: string;
  readonly console: Console;
}

export type RunOutcome =
  | { kind: 'exit'; status: number; reason: number }
  | { kind: 'limit' | 'left-ram' | 'idle' | 'spinning'; report: string };

/** Core exit reasons (src/core/cpu.ts Exit). */
const enum Exit { Budget = 0, WaitForInterrupt = 1, Semihosting = 2, Debug = 3, FetchFromNowhere = 4 }

const SLICE = 5_000_000n;
const B_SELF = 0x14000000;

export class Runner {
  private constructor(readonly core: Core, private readonly semihosting: Semihosting, private readonly opts: RunOptions) {}

  static async create(image: Uint8Array, opts: RunOptions): Promise<Runner> {
    const elf = new Elf(image);
    const core = await Core.load();
    core.configureRam(RAM_BASE, opts.memory);
    core.setHighestEL(opts.el);
    const loaded = loadElf(elf, core, { base: RAM_BASE, size: opts.memory });
    core.pc = loaded.entry;
    // ELxh with D, A, I and F masked, as a CPU leaving reset (or QEMU's boot code) enters the guest.
    core.pstate = 0x3c0 | (opts.el << 2) | 1;
    const top = RAM_BASE + opts.memory;
    const guest = {
      readVirt: (va: bigint, n: number) => core.readBytes(va, n),
      writeVirt: (va: bigint, bytes: Uint8Array) => core.writeBytes(va, bytes),
      getX: (n: number) => core.getX(n),
      setX: (n: number, v: bigint) => core.setX(n, v),
      get insnCount() { return core.insnCount; },
    };
    const heapBase = (loaded.end + 0xfffn) & ~0xfffn;
    const semihosting = new Semihosting(guest, opts.console, {
      root: opts.root,
      cmdline: opts.cmdline,
      heap: { base: heapBase, limit: top - 0x100000n, stackBase: top, stackLimit: top - 0x100000n },
    });
    return new Runner(core, semihosting, opts);
  }

  private where(): string {
    const c = this.core;
    const el = (c.pstate >> 2) & 3;
    let s = `PC 0x${c.pc.toString(16)} at EL${el}, ${c.insnCount} instructions executed`;
    const last = c.exports.lastException();
    if (last !== 0xff) {
      const to = (last >> 2) & 3;
      const esr = c.getSysreg(sysRegIndex(`ESR_EL${to}`));
      const elr = c.getSysreg(sysRegIndex(`ELR_EL${to}`));
      s += `; last exception EL${last & 3} -> EL${to}, ESR_EL${to} 0x${esr.toString(16)} (EC 0x${(esr >> 26n & 0x3fn).toString(16)}), ` +
        `ELR_EL${to} 0x${elr.toString(16)}, vector 0x${BigInt.asUintN(64, c.exports.lastVector()).toString(16)}`;
    }
    return s;
  }

  /**
   * Executes up to `budget` instructions and handles what stopped them. Returns undefined when the guest may go
   * on, 'debug' at a breakpoint or debug event, or the outcome when it has finished or cannot make progress.
   */
  step(budget: bigint): RunOutcome | 'debug' | undefined {
    const pcBefore = this.core.pc;
    const exit = this.core.run(budget) as Exit;
    switch (exit) {
      case Exit.Semihosting: {
        const done = this.semihosting.call();
        return done ? { kind: 'exit', status: done.status, reason: done.reason } : undefined;
      }
      case Exit.WaitForInterrupt:
        // No device can raise an interrupt yet: a waiting guest would wait forever.
        return { kind: 'idle', report: `the guest waits for an interrupt that nothing will raise: ${this.where()}` };
      case Exit.FetchFromNowhere:
        return { kind: 'left-ram', report: `execution left RAM: ${this.where()}` };
      case Exit.Debug:
        return 'debug';
      case Exit.Budget:
        if (budget > 1n && this.core.pc === pcBefore && this.isBranchToSelf(this.core.pc)) {
          return { kind: 'spinning', report: `the guest spins on a branch to itself: ${this.where()}` };
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private isBranchToSelf(pc: bigint): boolean {
    return this.core.readBytes(pc, 4).every((b, i) => b === ((B_SELF >>> (8 * i)) & 0xff));
  }

  /** Runs to completion, yielding to the event loop between slices so that the process stays interruptible. */
  async run(): Promise<RunOutcome> {
    const limit = this.opts.maxInsns;
    for (;;) {
      let budget = SLICE;
      if (limit !== undefined) {
        const left = limit - this.core.insnCount;
        if (left <= 0n) return { kind: 'limit', report: `instruction limit reached: ${this.where()}` };
        if (left < budget) budget = left;
      }
      const result = this.step(budget);
      if (result !== undefined && result !== 'debug') return result;
      await new Promise((r) => setImmediate(r));
    }
  }
}
