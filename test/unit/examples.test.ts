// The example workspace (examples/): every prebuilt ELF is what its Makefile builds from source; every example prints
// on `trapdoor run` exactly what it prints on qemu-system-aarch64 for the same machine; launch.json runs each the way
// these tests do; and the demo's trap summary counts one PL011 write per byte the mini hypervisor's guest prints.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateLaunch } from '../../src/debug/launchConfig';
import { repoRoot } from '../support/cross';
import { EXAMPLES, exampleElf, rebuildExample, runExampleOnQemu, runExampleOnTrapdoor } from '../support/examples';

/** launch.json is JSON with comments; the comments are whole lines. */
function launchConfigurations(): Record<string, unknown>[] {
  const text = readFileSync(join(repoRoot(), 'examples/.vscode/launch.json'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')).configurations;
}

/** The `trapdoor run` options a launch configuration amounts to, as sorted "--option value" pairs. */
function launchOptions(c: Record<string, unknown>): string[] {
  const opts: string[] = [];
  if (c.hypervisor !== undefined && c.hypervisor !== 'none') opts.push(`--hypervisor ${c.hypervisor}`);
  if (c.entryEl !== undefined && c.entryEl !== 1) opts.push(`--el ${c.entryEl}`);
  if (c.gic !== undefined && c.gic !== 2) opts.push(`--gic ${c.gic}`);
  return opts.sort();
}

const optionPairs = (opts: string[]): string[] => opts.flatMap((o, i) => (o.startsWith('--') ? [`${o} ${opts[i + 1]}`] : [])).sort();

// The runs are separate processes: let them overlap.
describe('examples', { concurrency: 4 }, () => {
  for (const e of EXAMPLES) {
    test(`examples/${e.dir}/${e.elf} is rebuilt byte for byte by its Makefile`, () => {
      assert.ok(rebuildExample(e).equals(readFileSync(exampleElf(e))), `rebuilt ${e.elf} differs from the committed one`);
    });
    for (const run of e.runs) {
      test(`${e.dir}: trapdoor run ${run.trapdoor.join(' ')} prints what qemu-system-aarch64 ${run.qemu.join(' ')} prints`, async () => {
        const [qemu, ours] = await Promise.all([runExampleOnQemu(e, run), runExampleOnTrapdoor(e, run)]);
        assert.equal(qemu.status, 0, `QEMU: ${qemu.stdout}${qemu.stderr}`);
        assert.ok(qemu.stdout.length > 0);
        assert.equal(ours.stdout, qemu.stdout);
        assert.equal(ours.status, 0, ours.stderr);
      });
    }
  }

  test('examples/.vscode/launch.json launches each example as these tests run it', () => {
    const configs = launchConfigurations();
    assert.deepEqual(configs.map((c) => c.name).sort(), EXAMPLES.map((e) => e.launch).sort());
    for (const e of EXAMPLES) {
      const c = configs.find((x) => x.name === e.launch)!;
      assert.equal(c.type, 'trapdoor');
      assert.equal(c.request, 'launch');
      assert.equal(typeof validateLaunch(c), 'object', String(validateLaunch(c)));
      assert.equal(c.program, `\${workspaceFolder}/${e.dir}/${e.elf}`);
      assert.deepEqual(launchOptions(c), optionPairs(e.runs[0].trapdoor), e.launch);
    }
  });

  test('the demo: the trap summary counts one pl011 write per byte the mini hypervisor\'s guest prints', async () => {
    const e = EXAMPLES.find((x) => x.dir === 'mini-hypervisor')!;
    const r = await runExampleOnTrapdoor(e, e.runs[0], ['--trap-summary']);
    assert.equal(r.status, 0, r.stderr);
    const guestBytes = r.stdout.split('\n').filter((l) => l.startsWith('guest: ')).reduce((n, l) => n + l.length + 1, 0);
    const row = /^pl011\s+(\d+)\s+(\d+)$/m.exec(r.stderr);
    assert.ok(row, r.stderr);
    const [reads, writes] = [Number(row[1]), Number(row[2])];
    assert.equal(writes, guestBytes);
    // The hypervisor counted the same exits itself: the UART's, and its hypercalls (HVC and trapped SMC).
    const hyp = /mini-hyp: guest powered off after (\d+) exits: (\d+) UART reads, (\d+) UART writes, (\d+) hypercalls/.exec(r.stdout);
    assert.ok(hyp, r.stdout);
    assert.deepEqual([Number(hyp[2]), Number(hyp[3])], [reads, writes]);
    const calls = [...r.stderr.matchAll(/^(HVC64|SMC64) \S+\s+(\d+)$/gm)].reduce((n, m) => n + Number(m[2]), 0);
    assert.equal(calls, Number(hyp[4]));
    assert.match(r.stderr, new RegExp(`^trap summary: ${reads + writes + calls} recorded exits`, 'm'));
  });

  test('the C guest under the built-in hypervisor: its trap summary has its UART bytes and its five timer ticks', async () => {
    const e = EXAMPLES.find((x) => x.dir === 'c-guest')!;
    const r = await runExampleOnTrapdoor(e, e.runs[0], ['--trap-summary']);
    assert.equal(r.status, 0, r.stderr);
    const count = (row: RegExp): number[] => (row.exec(r.stderr) ?? assert.fail(`${row} in\n${r.stderr}`)).slice(1).map(Number);
    // Every byte printed is one write of UARTDR; uart_init writes five registers before.
    assert.equal(count(/^pl011\s+\d+\s+(\d+)$/m)[0], Buffer.byteLength(r.stdout) + 5);
    assert.ok(count(/^gicd\s+(\d+)\s+(\d+)$/m)[1] > 0);
    assert.ok(count(/^gicr\s+(\d+)\s+(\d+)$/m)[1] > 0);
    assert.deepEqual(count(/^IRQ interrupt\s+(\d+)$/m), [5]);
    assert.deepEqual(count(/^HVC64 hypercall\s+(\d+)$/m), [1]);
  });
});
