// The core's Generic Timer (counter in machine time, TVAL/CVAL/CTL, lines, next event), the firmware conduit
// for PSCI calls, and the GICv3 CPU interface registers reaching the host's model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Core } from '../../src/machine/core';
import { sysRegIndex } from '../../src/arch/sysregs/table';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleWords } from '../support/cross';

function assemble(source: string): Uint32Array {
  const file = join(mkdtempSync(join(tmpdir(), 'trapdoor-timer-')), 't.S');
  writeFileSync(file, `${source}\n`);
  return assembleWords(file);
}

const CODE = 0x40000000n;
const enum Exit { Budget = 0, WaitForInterrupt = 1, TimerProgrammed = 5, FirmwareCall = 6 }

async function coreWith(source: string, el = 1): Promise<Core> {
  const core = await Core.load();
  core.configureRam(CODE, 0x100000n);
  core.setHighestEL(el as 1 | 2 | 3);
  core.writeBytes(CODE, new Uint8Array(assemble(source).buffer));
  core.pc = CODE;
  core.pstate = 0x3c5 | (el === 1 ? 0 : (el << 2) & 0xc);
  return core;
}

test('CNTPCT_EL0 counts machine time at 62.5 MHz; a WFI skip advances it', async () => {
  const core = await coreWith(`
    .rept 1000
    nop
    .endr
    mrs x0, cntpct_el0
    mrs x1, cntfrq_el0
  `);
  core.run(1002n);
  assert.equal(core.getX(0), 1000n >> 4n);
  assert.equal(core.getX(1), 62_500_000n);
  core.exports.skipTime(16_000n);
  assert.equal(core.exports.machineTime(), 1002n + 16_000n);
});

test('TVAL sets CVAL from the count; ISTATUS, the timer lines and the next event follow CTL and time', async () => {
  const core = await coreWith(`
    mov x0, #100
    msr cntv_tval_el0, x0
    mov x1, #1
    msr cntv_ctl_el0, x1
    mrs x2, cntv_ctl_el0
    mrs x3, cntv_cval_el0
    b .
  `);
  assert.equal(core.run(100n), Exit.TimerProgrammed);
  assert.equal(core.run(100n), Exit.TimerProgrammed);
  core.run(2n);
  const cval = core.getX(3);
  assert.equal(cval, 100n);
  assert.equal(core.getX(2), 1n, 'enabled, not yet fired');
  assert.equal(core.exports.timerLines(), 0);
  assert.equal(core.exports.nextTimerEvent(), cval << 4n);
  core.exports.skipTime((cval << 4n) - core.exports.machineTime());
  assert.equal(core.exports.timerLines(), 1 << 1, 'the EL1 virtual timer line');
  const ctl = sysRegIndex('CNTV_CTL_EL0');
  core.setSysreg(ctl, 3n);
  assert.equal(core.exports.timerLines(), 0, 'IMASK silences the line');
});

test('HVC and SMC reach the host on the firmware conduit; without one they are UNDEFINED at EL1 without EL2/EL3', async () => {
  const core = await coreWith('hvc #0\nsmc #0\nnop');
  core.exports.setFirmwareConduit(1);
  assert.equal(core.run(10n), Exit.FirmwareCall);
  assert.equal(core.pc, CODE + 4n);
  core.exports.setFirmwareConduit(2);
  assert.equal(core.run(10n), Exit.FirmwareCall);
  assert.equal(core.pc, CODE + 8n);

  const bare = await coreWith('hvc #0');
  bare.setSysreg(sysRegIndex('VBAR_EL1'), CODE + 0x1000n);
  bare.run(1n);
  assert.equal(bare.pc, CODE + 0x1200n, 'taken to the current-EL synchronous vector');
  assert.equal(bare.getSysreg(sysRegIndex('ESR_EL1')) >> 26n, 0n, 'EC 0: unknown reason');
});

test('the GICv3 CPU interface registers go to the host model; without one they are UNDEFINED', async () => {
  const src = 'mrs x0, icc_iar1_el1\nmsr icc_eoir1_el1, x0\nmrs x1, id_aa64pfr0_el1';
  const core = await coreWith(src);
  const writes: [number, bigint][] = [];
  core.setGicSysregs({ read: (i) => (i === sysRegIndex('ICC_IAR1_EL1') ? 27n : 0n), write: (i, v) => { writes.push([i, v]); } });
  core.run(3n);
  assert.equal(core.getX(0), 27n);
  assert.deepEqual(writes, [[sysRegIndex('ICC_EOIR1_EL1'), 27n]]);
  assert.equal((core.getX(1) >> 24n) & 0xfn, 1n, 'ID_AA64PFR0_EL1.GIC');

  const bare = await coreWith(src);
  bare.setSysreg(sysRegIndex('VBAR_EL1'), CODE + 0x1000n);
  bare.run(1n);
  assert.equal(bare.pc, CODE + 0x1200n);
});
