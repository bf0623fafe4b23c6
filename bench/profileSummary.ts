/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, e.g. `BENCH_CPU_PROF=<folder> npm run bench -- --only=clicks`):
 * self time by function and by package, for RESULTS.md.
 *
 *   npx tsx bench/profileSummary.ts <file.cpuprofile> [top=15]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...selfUs.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = frame.url.replace(/^file:\/\//, '');
    const pkg = packageOf(where, frame.functionName);
    const name = `${frame.functionName || '(anonymous)'} ${shortPath(where)}${where ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const idle = ['(idle) '];
  const busy = total - [...byFunction].filter(([name]) => idle.includes(name)).reduce((sum, [, us]) => sum + us, 0);
  const pct = (us: number, of: number) => `${((100 * us) / Math.max(1, of)).toFixed(1)} %`;
  const lines = [
    `Profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s on the CPU outside idle.`,
    '',
    '| self time | of busy | function |',
    '| --- | --- | --- |',
    ...[...byFunction]
      .filter(([name]) => name !== '(idle) ')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `| ${(us / 1e3).toFixed(0)} ms | ${pct(us, busy)} | \`${name.trim()}\` |`),
    '',
    '| package | self time | of busy |',
    '| --- | --- | --- |',
    ...[...byPackage]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([name, us]) => `| ${name} | ${(us / 1e3).toFixed(0)} ms | ${pct(us, busy)} |`),
  ];
  return lines.join('\n');
}

function packageOf(where: string, functionName: string): string {
  if (!where) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (modules) return modules[1]!;
  if (where.startsWith('node:')) return 'node core';
  if (where.includes('/dist/bundle/')) return 'escale (bundle)';
  return 'other';
}

function shortPath(where: string): string {
  const modules = where.lastIndexOf('node_modules/');
  if (modules >= 0) return where.slice(modules + 'node_modules/'.length);
  const bundle = where.indexOf('dist/bundle/');
  return bundle >= 0 ? where.slice(bundle) : where;
}

if (process.argv[1]?.endsWith('profileSummary.ts')) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: npx tsx bench/profileSummary.ts <file.cpuprofile> [top]');
  console.log(summariseProfile(file, top ? Number(top) : 15));
}
