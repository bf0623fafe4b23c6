import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './children.js';

/**
 * What the benchmark runs is what users run: `npm start` builds (esbuild bundle + the empty-cluster template) and
 * starts `node dist/bundle/main.js`. The bare bot is bundled the same way, so both start from plain JavaScript.
 */
export function buildBot(): string {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);
  return path.join(ROOT, 'dist', 'bundle', 'main.js');
}

/** The Node options of package.json's "start" script (`node <options> dist/bundle/main.js`): the bench uses the same. */
export function startNodeArgs(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node\s+(.*?)\s*dist\/bundle\/main\.js$/.exec(manifest.scripts.start.trim());
  if (!match) throw new Error(`unexpected start script: ${manifest.scripts.start}`);
  return match[1] ? match[1].split(/\s+/) : [];
}

export function buildBareBot(): string {
  const outfile = path.join(ROOT, 'bench', '.bundle', 'bareBot.mjs');
  const built = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'esbuild'),
    ['bench/bareBot.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${outfile}`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`bundling the bare bot failed:\n${built.stderr}`);
  return outfile;
}
