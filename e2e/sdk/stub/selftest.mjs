#!/usr/bin/env node
// Checks the scenarios themselves against the protocol stub: each must pass on the well-behaved
// stub and fail, on the expected check, when the stub breaks one rule.
//
//   node stub/selftest.mjs
//
// Prints one line per case and `N passed, N failed`; exit code 0 only if every case behaved.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const CASES = [
  { scenario: 'chat-1to1.mjs', fault: '', expectOk: true },
  { scenario: 'chat-1to1.mjs', fault: 'echo-with-response', expectOk: false, expectFailed: ['A.noOwnMessages'] },
  { scenario: 'chat-1to1.mjs', fault: 'no-pull', expectOk: false, expectFailed: ['B.recvMissed'] },
  { scenario: 'chat-1to1.mjs', fault: 'history-hole', expectOk: false, expectFailed: ['B.relogin.history'] },
  { scenario: 'chat-1to1.mjs', fault: 'double-push', expectOk: false, expectFailed: ['B.eachMessageOnce'] },
];

async function startStub(fault) {
  const args = [path.join(here, 'openim-stub.mjs'), '--port', '0'];
  if (fault) args.push('--fault', fault);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout });
  const [line] = await Promise.race([
    once(rl, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('stub exited before listening');
    }),
  ]);
  const { listening } = JSON.parse(line);
  return { child, listening };
}

async function runScenario(file, listening) {
  const child = spawn(
    process.execPath,
    [path.join(root, file), '--api', `http://${listening}`, '--ws', `ws://${listening}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const [code] = await once(child, 'exit');
  let result;
  try {
    result = JSON.parse(out.trim().split('\n').pop());
  } catch {
    result = { ok: false, error: `no JSON result; stderr: ${err.slice(-500)}` };
  }
  return { code, result };
}

let passed = 0;
let failed = 0;
for (const c of CASES) {
  const { child, listening } = await startStub(c.fault);
  let verdict;
  try {
    const { code, result } = await runScenario(c.scenario, listening);
    const failedChecks = result.failedChecks ?? [];
    const good = c.expectOk
      ? code === 0 && result.ok === true
      : code === 1 && result.ok === false && c.expectFailed.every((n) => failedChecks.includes(n));
    verdict = { good, detail: `exit ${code}, failed checks ${JSON.stringify(failedChecks)}${result.error ? `, error ${result.error}` : ''}` };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  const label = `${c.scenario} on stub${c.fault ? ` --fault ${c.fault}` : ''}: expect ${c.expectOk ? 'pass' : `fail on ${c.expectFailed.join(', ')}`}`;
  process.stdout.write(`${verdict.good ? 'ok  ' : 'FAIL'} ${label} (${verdict.detail})\n`);
  if (verdict.good) passed++;
  else failed++;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
