// PSCI 1.1 over a fake platform: function ids (32/64-bit), return codes and the platform calls they make,
// as QEMU's target/arm/psci.c answers them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CpuPowerState, PSCI_AFFINITY_INFO, PSCI_ALREADY_ON, PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_CPU_SUSPEND, PSCI_FEATURES,
  PSCI_INVALID_PARAMETERS, PSCI_MIGRATE, PSCI_MIGRATE_INFO_TYPE, PSCI_NOT_SUPPORTED, PSCI_ON_PENDING, PSCI_SUCCESS,
  PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_SYSTEM_SUSPEND, PSCI_VERSION, PsciPlatform, SMC64, isPsciCall, psciCall,
} from '../../src/machine/psci';

class FakePlatform implements PsciPlatform {
  readonly calls: string[] = [];
  readonly states = new Map<bigint, CpuPowerState>([[0n, 'on'], [1n, 'off'], [2n, 'on-pending'], [0x100n, 'off']]);
  cpuState(mpidr: bigint) { return this.states.get(mpidr); }
  cpuOn(mpidr: bigint, entry: bigint, ctx: bigint, aarch64: boolean) {
    this.calls.push(`on ${mpidr.toString(16)} ${entry.toString(16)} ${ctx.toString(16)} ${aarch64}`);
    this.states.set(mpidr, 'on-pending');
  }
  cpuOff(cpu: number) { this.calls.push(`off ${cpu}`); }
  cpuSuspend(cpu: number, state: number) { this.calls.push(`suspend ${cpu} ${state.toString(16)}`); }
  systemOff() { this.calls.push('system off'); }
  systemReset() { this.calls.push('system reset'); }
}

const caller = { cpu: 0, aarch64: true };
const call = (p: PsciPlatform, ...regs: (number | bigint)[]): bigint | undefined =>
  psciCall(p, caller, regs.map((r) => BigInt.asUintN(64, BigInt(r)))).x0;
const code = (c: number): bigint => BigInt.asUintN(64, BigInt(c));

test('function-id ranges', () => {
  assert.ok(isPsciCall(0x84000000n) && isPsciCall(0xc4000003n) && isPsciCall(0x8400001fn));
  assert.ok(!isPsciCall(0x84000020n) && !isPsciCall(0x86000000n) && !isPsciCall(0x80000000n) && !isPsciCall(0xc2000000n));
  assert.ok(isPsciCall(0xffffffff84000000n)); // only W0 counts
});

test('VERSION 1.1, MIGRATE_INFO_TYPE 2, FEATURES', () => {
  const p = new FakePlatform();
  assert.equal(call(p, PSCI_VERSION), 0x10001n);
  assert.equal(call(p, PSCI_MIGRATE_INFO_TYPE), 2n);
  for (const f of [PSCI_VERSION, PSCI_CPU_ON, PSCI_CPU_ON | SMC64, PSCI_CPU_OFF, PSCI_CPU_SUSPEND | SMC64, PSCI_AFFINITY_INFO | SMC64,
    PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES, PSCI_MIGRATE_INFO_TYPE]) {
    assert.equal(call(p, PSCI_FEATURES, f), code(PSCI_SUCCESS), f.toString(16));
  }
  for (const f of [PSCI_MIGRATE, PSCI_SYSTEM_SUSPEND, PSCI_SYSTEM_OFF | SMC64, 0x12345678]) {
    assert.equal(call(p, PSCI_FEATURES, f), code(PSCI_NOT_SUPPORTED), f.toString(16));
  }
  assert.equal(call(p, PSCI_MIGRATE | SMC64, 1), code(PSCI_NOT_SUPPORTED));
  assert.equal(call(p, PSCI_VERSION | SMC64), code(PSCI_NOT_SUPPORTED));
  assert.deepEqual(p.calls, []);
});

test('CPU_ON: success, ALREADY_ON, ON_PENDING, INVALID_PARAMETERS; 32-bit arguments truncated', () => {
  const p = new FakePlatform();
  assert.equal(call(p, PSCI_CPU_ON | SMC64, 1, 0x40001000, 0x1234_5678_9abcn), code(PSCI_SUCCESS));
  assert.equal(call(p, PSCI_CPU_ON | SMC64, 1, 0x40001000, 0), code(PSCI_ON_PENDING));
  assert.equal(call(p, PSCI_CPU_ON | SMC64, 0, 0x40001000, 0), code(PSCI_ALREADY_ON));
  assert.equal(call(p, PSCI_CPU_ON | SMC64, 2, 0x40001000, 0), code(PSCI_ON_PENDING));
  assert.equal(call(p, PSCI_CPU_ON | SMC64, 7, 0x40001000, 0), code(PSCI_INVALID_PARAMETERS));
  assert.equal(call(p, PSCI_CPU_ON, 0xffff_0000_0000_0100n, 0x1_4000_2000n, 0x1_0000_0005n), code(PSCI_SUCCESS));
  assert.deepEqual(p.calls, ['on 1 40001000 123456789abc true', 'on 100 40002000 5 true']);
});

test('AFFINITY_INFO: per-CPU states, higher levels always on', () => {
  const p = new FakePlatform();
  assert.equal(call(p, PSCI_AFFINITY_INFO | SMC64, 0, 0), 0n);
  assert.equal(call(p, PSCI_AFFINITY_INFO | SMC64, 1, 0), 1n);
  assert.equal(call(p, PSCI_AFFINITY_INFO, 2, 0), 2n);
  assert.equal(call(p, PSCI_AFFINITY_INFO, 9, 0), code(PSCI_INVALID_PARAMETERS));
  assert.equal(call(p, PSCI_AFFINITY_INFO, 0x100, 1), 0n);
});

test('CPU_OFF, SYSTEM_OFF and SYSTEM_RESET do not return; CPU_SUSPEND standby returns SUCCESS', () => {
  const p = new FakePlatform();
  assert.equal(call(p, PSCI_CPU_OFF), undefined);
  assert.equal(call(p, PSCI_SYSTEM_OFF), undefined);
  assert.equal(call(p, PSCI_SYSTEM_RESET), undefined);
  assert.equal(call(p, PSCI_CPU_SUSPEND | SMC64, 0x10000, 0x40000000, 0), code(PSCI_SUCCESS));
  assert.equal(call(p, PSCI_CPU_SUSPEND, 0x20000, 0, 0), code(PSCI_INVALID_PARAMETERS));
  assert.equal(call(p, PSCI_CPU_OFF | SMC64), code(PSCI_NOT_SUPPORTED));
  assert.deepEqual(p.calls, ['off 0', 'system off', 'system reset', 'suspend 0 10000']);
});

test('an AArch32 caller cannot use the SMC64 ids', () => {
  const p = new FakePlatform();
  assert.equal(psciCall(p, { cpu: 0, aarch64: false }, [BigInt(PSCI_CPU_ON | SMC64), 1n, 0n, 0n]).x0, code(PSCI_NOT_SUPPORTED));
  assert.equal(psciCall(p, { cpu: 0, aarch64: false }, [BigInt(PSCI_FEATURES), BigInt(PSCI_CPU_ON | SMC64)]).x0, code(PSCI_NOT_SUPPORTED));
});
