// The debugger's part of `npm run bench`: what 1,000 breakpoints that are never hit cost the compute guest, and how
// long pause takes to reach a stopped event while the guest runs flat out (through the bundled adapter, over DAP).
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Disassembler } from '../src/arch/a64/disasm/disassemble';
import { RunOutcome, Runner } from '../src/machine/runner';
import { Breakpoints } from '../src/debug/breakpoints';
import { RunControl } from '../src/debug/runControl';

/** Runs the guest to its end the way a debug session runs it (slices, exception observer), with `count` breakpoints. */
async function runAsSession(elf: string, dir: string, count: number): Promise<number> {
  const runner = await Runner.create(readFileSync(elf), {
    el: 1, memory: 128n << 20n, root: dir, cmdline: 'bench', console: { write: () => undefined, readByte: () => undefined },
  });
  const bps = new Breakpoints(runner.core);
  // Never hit: words in RAM well above the guest, 64 bytes apart.
  bps.setInstructions(Array.from({ length: count }, (_, i) => ({ instructionReference: `0x${(0x4100_0000 + i * 64).toString(16)}` })));
  const t0 = process.hrtime.bigint();
  await new Promise<RunOutcome>((done, fail) => {
    const run = new RunControl(runner, bps, new Disassembler(), {
      stopped: (s) => fail(new Error(`unexpected stop: ${s.reason} ${s.description ?? ''}`)),
      finished: done, flush: () => undefined, exception: () => undefined, test: () => true, log: () => undefined,
    }, false);
    run.resume();
  });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function benchBreakpoints(elf: string, dir: string): Promise<void> {
  // Alternating, twice each, so that neither side gets the engine's warm-up or a quiet moment of the host alone.
  const none: number[] = [], many: number[] = [];
  for (let i = 0; i < 2; i++) {
    none.push(await runAsSession(elf, dir, 0));
    many.push(await runAsSession(elf, dir, 1000));
  }
  const best = (xs: number[]) => Math.min(...xs);
  console.log(`breakpoints: compute guest as a debug session runs it, best of 2: no breakpoints ${best(none).toFixed(3)} s, ` +
    `1,000 never hit ${best(many).toFixed(3)} s: slowdown ${((best(many) / best(none) - 1) * 100).toFixed(1)} % (target < 5 %)`);
}

/** Pause while the guest computes flat out: the time from the pause request to the stopped event, many times. */
export async function benchPause(elf: string, rounds = 60): Promise<void> {
  const dc = new DebugClient(process.execPath, join(__dirname, '..', 'adapter.js'), 'trapdoor');
  await dc.start();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ program: elf, stopOnEntry: true } as never), dc.waitForEvent('stopped')]);
    const latencies: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await dc.continueRequest({ threadId: 1 });
      await new Promise((r) => setTimeout(r, 10 + (i * 7) % 30));
      const t0 = process.hrtime.bigint();
      const stopped = dc.waitForEvent('stopped');
      await dc.pauseRequest({ threadId: 1 });
      const e = await stopped;
      if (e.body.reason !== 'pause') throw new Error(`pause stopped with ${e.body.reason}`);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
    console.log(`pause: ${rounds} pauses of the compute guest running flat out, over DAP: median ${pct(0.5).toFixed(1)} ms, ` +
      `p99 ${pct(0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms (target p99 < 20 ms)`);
  } finally {
    await dc.stop();
  }
}
