// The extension's models on what the real adapter sends (adapter.js over DAP, examples/hello under the built-in
// hypervisor): the trap events fill the store with exactly the records `trapdoor run --trace-traps` writes, the
// stage-2 fault and a translation decode into their walks, and a register's answer lays out as a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { RegisterInfoView, Stage2FaultView, TranslationView, TrapRecordView } from '../../src/extension/contract';
import { registerLayout } from '../../src/extension/registerInfo';
import { toJsonl, TrapStore } from '../../src/extension/trapTable';
import { decodeWalk, parseRegime } from '../../src/extension/walkView';
import { builtFile, cliPath, repoRoot } from '../support/cross';

test('examples/hello under the built-in hypervisor, as the panel, the inspector and a register page receive it', async () => {
  const program = join(repoRoot(), 'examples/hello/hello.elf');
  const dir = mkdtempSync(join(tmpdir(), 'td-ui-adapter-'));
  const dc = new DebugClient(process.execPath, builtFile('adapter.js'), 'trapdoor');
  const store = new TrapStore();
  let batches = 0;
  let fault: Stage2FaultView | undefined;
  dc.on('trapdoor/traps', (e: { body: { records: TrapRecordView[] } }) => { batches++; store.add(e.body.records); });
  dc.on('trapdoor/stage2Fault', (e: { body: Stage2FaultView }) => { fault = e.body; });
  await dc.start();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ program, hypervisor: 'builtin', stopOnEntry: true } as never), dc.waitForEvent('stopped')]);

    // Stopped at the entry: the UART's IPA is not mapped at stage 2 (the built-in hypervisor maps RAM only).
    const t = (await dc.customRequest('trapdoor/translate', { address: '0x9000000', regime: 'el10', access: 'write' })).body as TranslationView;
    const walk = decodeWalk(t.walk, parseRegime(t.regime));
    assert.equal(walk.outcome.ok, false);
    assert.match(walk.outcome.summary, /^Translation fault at stage 2 level \d: /);
    assert.equal(walk.sections.flatMap((s) => s.rows).filter((r) => r.stopped).length, 1);
    const ram = (await dc.customRequest('trapdoor/translate', { address: '0x40080000', regime: 'el10' })).body as TranslationView;
    assert.equal(decodeWalk(ram.walk, parseRegime(ram.regime)).outcome.summary, 'Translates to PA 0x40080000.');

    const hcr = (await dc.customRequest('trapdoor/registerInfo', { name: 'hcr_el2' })).body as RegisterInfoView;
    const page = registerLayout(hcr);
    assert.equal(hcr.name, 'HCR_EL2');
    assert.ok(page.facts.some(([k, v]) => k === 'Value' && BigInt(v) & 1n), 'HCR_EL2.VM is set');
    const vm = page.rows.find((r) => r[0] === 'VM');
    assert.deepEqual(vm?.slice(0, 3), ['VM', '0', '0x1']);
    assert.equal(page.segments.reduce((n, s) => n + s.width, 0), 64);

    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
  } finally {
    await dc.stop();
  }
  try {
    // The same guest through the CLI: its JSONL trace is the store's records without the PC's symbol and source.
    const trace = join(dir, 'traps.jsonl');
    execFileSync(process.execPath, [cliPath(), 'run', program, '--hypervisor', 'builtin', '--trace-traps', trace], { stdio: 'ignore' });
    const cli = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrapRecordView);
    const panel = toJsonl(store.records).trim().split('\n').map((l) => JSON.parse(l) as TrapRecordView);
    assert.equal(panel.length, cli.length);
    assert.deepEqual(panel.map(({ symbol: _s, source: _p, ...r }) => r), cli);
    assert.ok(batches >= 1);
    assert.ok(panel.some((r) => r.device && r.symbol), 'MMIO records carry their PC\'s symbol');

    assert.ok(fault, 'a stage-2 fault event');
    const w = decodeWalk(fault.walk, parseRegime(fault.regime));
    assert.match(w.outcome.summary, /^Translation fault at stage 2/);
    assert.ok(BigInt(fault.ipa) >= 0x9000000n && BigInt(fault.ipa) < 0x9001000n, fault.ipa);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
