// Builds the production bundle and packages it as a .vsix, exactly what a user would install.
import { vsixFile, repoRoot } from './paths.mjs';
import { run } from './processes.mjs';

export async function packageExtension() {
  await run('node', ['scripts/build.mjs', '--production'], { cwd: repoRoot, quiet: true });
  // No repository or licence file yet: tell vsce not to ask (there is no one to answer in CI).
  await run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsixFile],
    { cwd: repoRoot, quiet: true });
  return vsixFile;
}
