// The core's debugger hooks: breakpoints stop before the instruction and can be stepped over; exception events
// stop after entry; nothing changes the instruction count or results compared with an unwatched run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Core } from '../../src/machine/core';
import { sysRegIndex } from '../../src/arch/sysregs/table';

const BASE = 0x40000000n;
/** movz x0, #1; add x0, x0, #2; add x0, x0, #3; udf #0; add x0, x0, #4 */
const PROGRAM = [0xd2800020, 0x91000800, 0x91000c00, 0x00000000, 0x91001000];
const EXIT_DEBUG = 3;
const STOP_BREAKPOINT = 1, STOP_EXCEPTION_TAKEN = 2;

async function boot(): Promise<Core> {
  const core = await Core.load();
  core.configureRam(BASE, 1n << 20n);
  core.writeBytes(BASE, new Uint8Array(Uint32Array.from(PROGRAM).buffer));
  core.pc = BASE;
  core.pstate = 0x3c5;
  return core;
}

test('a breakpoint stops before its instruction, and resuming steps over it', async () => {
  const core = await boot();
  core.setBreakpoint(BASE + 8n);
  assert.equal(core.run(100n), EXIT_DEBUG);
  assert.equal(core.pc, BASE + 8n);
  assert.equal(core.debugStop.kind, STOP_BREAKPOINT);
  assert.equal(core.getX(0), 3n);
  assert.equal(core.insnCount, 2n);
  // Resuming without stepping over would stop again at once.
  assert.equal(core.run(100n), EXIT_DEBUG);
  assert.equal(core.insnCount, 2n);
  core.resumeOverBreakpoint();
  core.run(1n);
  assert.equal(core.getX(0), 6n);
  core.clearBreakpoint(BASE + 8n);
  core.pc = BASE;
  core.run(3n);
  assert.equal(core.getX(0), 6n, 'a cleared breakpoint no longer stops');
});

test('an exception event stops after the exception is taken, at the vector', async () => {
  const core = await boot();
  core.setDebugEvents(1 << STOP_EXCEPTION_TAKEN);
  assert.equal(core.run(100n), EXIT_DEBUG);
  assert.equal(core.debugStop.kind, STOP_EXCEPTION_TAKEN);
  assert.equal(core.pc, 0x200n, 'VBAR_EL1 (0) + current EL with SPx, synchronous');
  assert.equal(core.insnCount, 4n);
});

test('a watched system register stops after MSR writes it; ERET raises an exception-return event', async () => {
  const STOP_ERET = 3, STOP_SYSREG = 4;
  const core = await Core.load();
  core.configureRam(BASE, 1n << 20n);
  // msr vbar_el1, x0; msr elr_el1, x1; eret
  core.writeBytes(BASE, new Uint8Array(Uint32Array.from([0xd518c000, 0xd5184021, 0xd69f03e0]).buffer));
  core.pc = BASE;
  core.pstate = 0x3c5;
  core.setX(0, 0x40001000n);
  core.setX(1, BASE + 0x100n);
  const vbar = sysRegIndex('VBAR_EL1');
  core.watchSysreg(vbar, true);
  core.setDebugEvents((1 << STOP_SYSREG) | (1 << STOP_ERET));
  assert.equal(core.run(100n), EXIT_DEBUG);
  assert.deepEqual(core.debugStop, { kind: STOP_SYSREG, sysreg: vbar });
  assert.equal(core.pc, BASE + 4n);
  assert.equal(core.getSysreg(vbar), 0x40001000n);
  assert.equal(core.run(100n), EXIT_DEBUG);
  assert.equal(core.debugStop.kind, STOP_ERET);
  assert.equal(core.pc, BASE + 0x100n);
});
