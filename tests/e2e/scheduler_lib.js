'use strict';
// Issue 16: build/scheduler --once, launched with the same arguments as the one stack.sh runs
// (read from its /proc/PID/cmdline), its output appended to its log.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { TEST_DIR, waitFor } = require('./lib');

const ROOT = path.resolve(__dirname, '..', '..');

function launch() {
  const pid = Number(fs.readFileSync(path.join(TEST_DIR, 'run', 'scheduler.pid'), 'utf8'));
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  return { argv, cwd: fs.readlinkSync(`/proc/${pid}/cwd`) };
}

/** Runs `scheduler --once`; resolves with its exit code. */
function schedulerOnce() {
  const l = launch();
  const log = fs.openSync(path.join(TEST_DIR, 'log', 'scheduler.log'), 'a');
  const child = spawn(l.argv[0], [...l.argv.slice(1), '--once'], { cwd: l.cwd, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Runs another program of the build (e.g. rekey) with the scheduler's configuration
 * arguments and extra ones; resolves with { code, out }. */
function runLikeScheduler(name, extra = []) {
  const l = launch();
  const argv0 = path.join(path.dirname(l.argv[0]), name);
  const args = l.argv.slice(1).filter((a) => a !== '--once');
  const child = spawn(argv0, [...args, ...extra], { cwd: l.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

module.exports = { ROOT, schedulerOnce, runLikeScheduler, waitFor };
