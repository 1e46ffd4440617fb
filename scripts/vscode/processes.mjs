// Child processes that must never outlive us: each service runs in its own process group, and
// stopAll() ends every group we started (on success, failure, Ctrl+C or SIGTERM).
import { spawn } from 'node:child_process';
import net from 'node:net';

const services = new Set();

/**
 * @typedef {{ cwd?: string, env?: NodeJS.ProcessEnv, quiet?: boolean }} RunOptions
 * @typedef {{ cwd?: string, env?: NodeJS.ProcessEnv, onOutput?: (text: string) => void }} ServiceOptions
 * @typedef {{ name: string, child: import('node:child_process').ChildProcess, exited: boolean }} Service
 */

/**
 * Runs a command to completion; rejects with its exit code and the tail of its output.
 * With `quiet`, output is kept (and resolved) instead of shown.
 * @param {string} command @param {string[]} args @param {RunOptions} [options] @returns {Promise<string>}
 */
export function run(command, args, { cwd, env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    const keep = (chunk) => { output = (output + chunk).slice(-8000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${quiet ? `\n${output}` : ''}`));
    });
  });
}

/**
 * Starts a long-running service in its own process group; stopAll() ends it.
 * @param {string} name @param {string} command @param {string[]} args @param {ServiceOptions} [options]
 * @returns {Service}
 */
export function startService(name, command, args, { cwd, env, onOutput } = {}) {
  const child = spawn(command, args, { cwd, env: env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const service = { name, child, exited: false };
  services.add(service);
  child.on('exit', () => { service.exited = true; services.delete(service); });
  child.on('error', () => { service.exited = true; services.delete(service); });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => onOutput?.(text));
  }
  return service;
}

/** @param {Service} service @param {NodeJS.Signals} signal */
function killGroup(service, signal) {
  try { process.kill(-service.child.pid, signal); } catch { /* already gone */ }
}

/** Ends every service we started: SIGTERM, then SIGKILL for whatever is still there after a grace period. */
export async function stopAll(graceMs = 3000) {
  await stopServices([...services], graceMs);
}

/** Ends one service (and its process group) the same way. @param {Service} service */
export async function stopService(service, graceMs = 3000) {
  await stopServices([service], graceMs);
}

/** @param {Service[]} running @param {number} graceMs */
async function stopServices(running, graceMs) {
  running.forEach((s) => killGroup(s, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  while (running.some((s) => !s.exited) && Date.now() < deadline) await sleep(50);
  // The group may hold grandchildren (extension host, file watcher) even once the leader exited.
  running.forEach((s) => killGroup(s, 'SIGKILL'));
}

/**
 * Stops every service on Ctrl+C / SIGTERM / SIGHUP, then exits with the conventional code.
 * @param {(signal: NodeJS.Signals) => unknown} [onStop]
 */
export function stopAllOnSignals(onStop) {
  /** @type {[NodeJS.Signals, number][]} */
  const signals = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];
  for (const [signal, code] of signals) {
    process.once(signal, async () => {
      await onStop?.(signal);
      await stopAll();
      process.exit(code);
    });
  }
  process.once('exit', () => { for (const s of services) killGroup(s, 'SIGKILL'); });
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls a URL until it answers (any HTTP status below 500) or the time runs out.
 * @param {string} url @param {number} timeoutMs @param {Service} [service] fail early if it exits
 */
export async function waitForHttp(url, timeoutMs, service) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service?.exited) throw new Error(`${service.name} exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status < 500) return;
    } catch { /* not up yet */ }
    await sleep(150);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}
