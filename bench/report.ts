import type { BotKind, BotRun } from './clicks.js';
import type { BenchResults } from './run.js';
import { type LatencySummary, ratio } from './stats.js';

/** Everything after this line in RESULTS.md is the hand-written analysis, kept across runs. */
export const ANALYSIS_MARKER = '<!-- analysis: written by hand, kept by npm run bench -->';

export interface Check {
  name: string;
  target: string;
  value: string;
  met: boolean | null;
}

const ESCALE: readonly BotKind[] = ['escale-postgres', 'escale-pglite'];
const LABEL: Record<BotKind, string> = {
  bare: 'bare discord.js',
  'escale-postgres': 'Escale · Postgres',
  'escale-pglite': 'Escale · PGlite',
};

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}`);
const mib = (bytes: number | null | undefined) =>
  bytes === null || bytes === undefined ? '—' : `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
const triple = (summary: LatencySummary | undefined) =>
  summary ? `${ms(summary.p50)} / ${ms(summary.p90)} / ${ms(summary.p99)}` : '—';

export function evaluateTargets(results: BenchResults): Check[] {
  const checks: Check[] = [];
  const bare = results.bots.bare;
  for (const kind of ESCALE) {
    const run = results.bots[kind];
    if (!run || !bare) continue;
    const label = LABEL[kind];
    const sequentialRatio = ratio(run.sequential.p50, bare.sequential.p50);
    checks.push({
      name: `${label}: p50 ratio to the bare bot, sequential`,
      target: '≤ 1.5×',
      value: `${sequentialRatio}× (${run.sequential.p50} vs ${bare.sequential.p50} ms)`,
      met: sequentialRatio !== null && sequentialRatio <= 1.5,
    });
    const openRatio = ratio(run.openLoop.p50, bare.openLoop.p50);
    checks.push({
      name: `${label}: p50 ratio to the bare bot, ${run.openLoop.rate}/s`,
      target: '≤ 1.5×',
      value: `${openRatio}× (${run.openLoop.p50} vs ${bare.openLoop.p50} ms)`,
      met: openRatio !== null && openRatio <= 1.5,
    });
    checks.push({
      name: `${label}: p99 at ${run.openLoop.rate}/s`,
      target: '< 50 ms',
      value: `${run.openLoop.p99} ms, ${run.openLoop.misses} misses`,
      met: run.openLoop.p99 !== null && run.openLoop.p99 < 50 && run.openLoop.misses === 0,
    });
    checks.push({
      name: `${label}: burst of ${run.burst.clicks} on ${run.burst.capacity} seats`,
      target: '0 misses, counts exact',
      value: `${run.burst.misses} misses, ${run.burst.errorReplies} errors, exact: ${run.burst.exact}`,
      met: run.burst.misses === 0 && run.burst.errorReplies === 0 && run.burst.exact === true,
    });
  }
  if (results.rss) {
    checks.push({
      name: `RSS after GUILD_CREATE of ${results.rss.members} members, Escale client / bare client`,
      target: '≤ 0.8×',
      value: `${results.rss.ratio}× (${mib(results.rss.escale.rss)} vs ${mib(results.rss.bare.rss)})`,
      met: results.rss.ratio <= 0.8,
    });
  }
  for (const run of results.recaps?.runs ?? []) {
    checks.push({
      name: `${run.trips} recaps due at once (${run.database}), max lateness — ${run.measured}`,
      target: '≤ 5 s',
      value: `${ms(run.latenessMs.max)} ms (${run.done}/${run.trips})`,
      met: run.done === run.trips && run.latenessMs.max !== null && run.latenessMs.max <= 5_000,
    });
  }
  if (results.startup) {
    checks.push({
      name: 'start to ready, existing embedded database (spawn → "ready as")',
      target: '< 2.5 s',
      value: `${results.startup.existingMedianMs} ms`,
      met: results.startup.existingMedianMs < 2_500,
    });
  }
  return checks;
}

function rows(results: BenchResults): string[][] {
  const kinds = (['bare', 'escale-postgres', 'escale-pglite'] as const).filter((kind) => results.bots[kind]);
  const runs = kinds.map((kind) => results.bots[kind]!) as BotRun[];
  const bare = results.bots.bare;
  const table: string[][] = [['', ...kinds.map((kind) => LABEL[kind]), 'target']];
  if (runs.length > 0) {
    const plan = results.plan;
    table.push([
      `ack ms p50 / p90 / p99, ${plan.sequential} sequential clicks`,
      ...runs.map((run) => triple(run.sequential)),
      '',
    ]);
    table.push([
      'p50 ratio to bare, sequential',
      ...runs.map((run) => (run.kind === 'bare' ? '1' : `${ratio(run.sequential.p50, bare?.sequential.p50 ?? null)}×`)),
      '≤ 1.5×',
    ]);
    table.push([
      `ack ms p50 / p90 / p99, ${plan.openLoopRate}/s for ${plan.openLoopSeconds} s (open loop)`,
      ...runs.map((run) => triple(run.openLoop)),
      'p99 < 50',
    ]);
    table.push([
      `p50 ratio to bare, ${plan.openLoopRate}/s`,
      ...runs.map((run) => (run.kind === 'bare' ? '1' : `${ratio(run.openLoop.p50, bare?.openLoop.p50 ?? null)}×`)),
      '≤ 1.5×',
    ]);
    table.push([
      `CPU ms per click at ${plan.openLoopRate}/s: bot / emulator`,
      ...runs.map((run) => `${ms(run.openLoop.botCpuMsPerClick)} / ${run.openLoop.emulatorCpuMsPerClick}`),
      '',
    ]);
    table.push([
      'deadline misses (sequential + open loop)',
      ...runs.map((run) => `${run.sequential.misses + run.openLoop.misses}`),
      '0',
    ]);
    table.push([
      `burst ${plan.burst} clicks, ${plan.burstCapacity} seats: drain ms`,
      ...runs.map((run) => ms(run.burst.drainMs)),
      '',
    ]);
    table.push([
      'burst: ack ms p50 / p99',
      ...runs.map((run) => `${ms(run.burst.latency.p50)} / ${ms(run.burst.latency.p99)}`),
      '',
    ]);
    table.push(['burst: misses', ...runs.map((run) => `${run.burst.misses}`), '0']);
    table.push([
      'burst: going / waitlist in DB',
      ...runs.map((run) => (run.burst.database ? `${run.burst.database.going} / ${run.burst.database.waitlist}` : '—')),
      `${Math.min(plan.burstCapacity, plan.burst + 1)} / ${Math.max(0, plan.burst + 1 - plan.burstCapacity)}`,
    ]);
    table.push([
      'burst: going / waitlist on the announcement',
      ...runs.map((run) =>
        run.burst.announcement ? `${ms(run.burst.announcement.going)} / ${ms(run.burst.announcement.waitlist)}` : '—',
      ),
      'same',
    ]);
    table.push([
      'burst: announcement edits, last edit after (ms)',
      ...runs.map((run) =>
        run.burst.announcement ? `${run.burst.announcement.edits}, ${run.burst.announcement.settledAfterMs}` : '—',
      ),
      '',
    ]);
    table.push(['whole process RSS after the load', ...runs.map((run) => mib(run.processRss)), '']);
  }
  return table;
}

function renderText(table: string[][]): string {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  return table.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ ')).join('\n');
}

function renderMarkdown(table: string[][]): string {
  const [head, ...body] = table;
  return [
    `| ${head!.join(' | ')} |`,
    `| ${head!.map(() => '---').join(' | ')} |`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function footprintLines(results: BenchResults): string[] {
  const lines: string[] = [];
  if (results.rss) {
    const { rss } = results;
    lines.push(
      `RSS after GUILD_CREATE of ${rss.members} members (median of ${rss.runs}): Escale client ${mib(rss.escale.rss)} ` +
        `(${rss.escale.cachedMembers} members, ${rss.escale.cachedUsers} users cached), bare client ${mib(rss.bare.rss)} ` +
        `(${rss.bare.cachedMembers} members, ${rss.bare.cachedUsers} users cached), modules loaded without login ` +
        `${mib(rss.baseline.rss)}: ratio ${rss.ratio}× (target ≤ 0.8×); above that baseline ${rss.cacheCostRatio}×; ` +
        `V8 heap in use after GC ${mib(rss.escale.heapUsed)} vs ${mib(rss.bare.heapUsed)} (${rss.heapRatio}×).`,
    );
  }
  if (results.startup) {
    const { startup } = results;
    const list = (runs: typeof startup.fresh) =>
      runs.map((run) => `${run.spawnToReadyMs} ms (startMs ${ms(run.startMs)})`).join(', ');
    lines.push(
      `Start to ready on PGlite (spawn of \`node --import tsx src/main.ts\` → "ready as"): fresh folder ` +
        `${startup.freshMedianMs} ms median [${list(startup.fresh)}]; existing folder ${startup.existingMedianMs} ms ` +
        `median [${list(startup.existing)}] (target < 2.5 s).` +
        (startup.bundledExisting
          ? ` Existing folder started from an esbuild bundle (no tsx at run time): ${startup.bundledExistingMedianMs} ms ` +
            `median [${list(startup.bundledExisting)}].`
          : ''),
    );
  }
  for (const run of results.recaps?.runs ?? []) {
    lines.push(
      `${run.trips} recaps due at the same instant on ${run.database} (${run.measured}): lateness p50 ` +
        `${ms(run.latenessMs.p50)} ms, max ${ms(run.latenessMs.max)} ms, ${run.done}/${run.trips} done, ` +
        `${run.duplicates} duplicates (target ≤ 5 s); REST requests meanwhile: ` +
        `${Object.entries(run.restRequests)
          .map(([route, count]) => `${route} × ${count}`)
          .join(', ')}.`,
    );
  }
  return lines;
}

export function textTable(results: BenchResults): string {
  const parts = [renderText(rows(results)), '', ...footprintLines(results), ''];
  for (const check of results.checks) {
    parts.push(
      `${check.met === null ? '?' : check.met ? 'MET ' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`,
    );
  }
  return parts.join('\n');
}

export function markdownReport(results: BenchResults): string {
  const { machine } = results;
  return [
    '# Benchmark results',
    '',
    `Command: \`${results.command}\` · date: ${results.date} · duration: ${results.durationSeconds} s.`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}. ` +
      `Load average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${machine.loadAverageAtEnd.join(' / ')}.`,
    results.postgres ? `Postgres: ${results.postgres.version} (${results.postgres.source}).` : '',
    '',
    'Each bot runs in its own process (`node --import tsx src/main.ts`, configured only through the environment, ' +
      "as `npm start`), against the local Discord emulator in the benchmark process. Ack latency is the emulator's " +
      '`InteractionResult.latencyMs`: from the INTERACTION_CREATE dispatch to the interaction callback received. ' +
      'The bare bot is discord.js with default caches answering every interaction with an ephemeral "ok".',
    '',
    renderMarkdown(rows(results)),
    '',
    ...footprintLines(results).map((line) => `- ${line}`),
    '',
    '## Targets',
    '',
    '| check | value | target | met |',
    '| --- | --- | --- | --- |',
    ...results.checks.map(
      (check) =>
        `| ${check.name} | ${check.value} | ${check.target} | ${check.met === null ? '?' : check.met ? 'yes' : '**no**'} |`,
    ),
    '',
    ANALYSIS_MARKER,
  ].join('\n');
}
