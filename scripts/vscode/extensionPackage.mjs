// Builds the production bundle and packages it as a .vsix, exactly what a user would install.
import { vsixFile, repoRoot } from './paths.mjs';
import { run } from './processes.mjs';

export async function packageExtension() {
  await run('node', ['scripts/build.mjs', '--production'], { cwd: repoRoot, quiet: true });
  // No repository or licence file yet: tell vsce not to ask (there is no one to answer in CI), and
  // keep the README's relative links (screenshots) as they are rather than guess a repository URL.
  await run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license',
    '--no-rewrite-relative-links', '-o', vsixFile],
    { cwd: repoRoot, quiet: true });
  return vsixFile;
}
