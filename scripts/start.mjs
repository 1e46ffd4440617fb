#!/usr/bin/env node
// `npm start`: the extension, packaged as a user would install it, running in a real VS Code
// (code-server, in your browser) against the ECS sandbox, so you can try every flow without an
// Alibaba Cloud account. Ctrl+C stops the workbench and the sandbox.
import path from 'node:path';
import { provision } from './provision.mjs';
import { sandboxSettings, startCodeServer } from './vscode/codeServer.mjs';
import { packageExtension } from './vscode/extensionPackage.mjs';
import { cacheDir } from './vscode/paths.mjs';
import { stopAll, stopAllOnSignals } from './vscode/processes.mjs';
import { startSandboxProcess } from './vscode/sandbox.mjs';

const startDir = path.join(cacheDir, 'start');
let stopping = false;
const port = process.env.PORT ? Number(process.env.PORT) : undefined;

async function main() {
  const started = Date.now();
  await provision();
  console.log('[start] building and packaging the extension');
  const vsix = await packageExtension();
  const sandbox = await startSandboxProcess();
  const codeServer = await startCodeServer({
    vsix,
    userDataDir: path.join(startDir, 'user-data'),
    extensionsDir: path.join(startDir, 'extensions'),
    folder: path.join(startDir, 'workspace'),
    settings: sandboxSettings(sandbox.endpoint),
    port,
  });
  codeServer.service.child.on('exit', async (code) => {
    if (stopping) return;
    console.error(`[start] code-server stopped (${code}); stopping the sandbox`);
    await stopAll();
    process.exit(1);
  });
  console.log([
    '',
    `  ECS Snapshots is running against the sandbox (ready in ${Math.round((Date.now() - started) / 1000)}s).`,
    '',
    `  Open VS Code:      ${codeServer.url}`,
    `  Sandbox endpoint:  ${sandbox.endpoint}  (region cn-hangzhou, no real cloud involved)`,
    '',
    '  Press Ctrl+C to stop both.',
    '',
  ].join('\n'));
}

stopAllOnSignals(() => {
  stopping = true;
  console.log('\n[start] stopping code-server and the sandbox');
});
main().catch(async (error) => {
  console.error(`[start] ${error.message}`);
  await stopAll();
  process.exit(1);
});
