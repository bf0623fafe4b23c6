import type { BotKind, BotRun } from './clicks.js';
import { DATA_SCALES, dataScaleRatios } from './dataScale.js';
import type { BenchResults } from './run.js';
import { soakTable } from './soak.js';
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
    // Issue 15: p99 ≤ 30 ms on Postgres, ≤ 100 ms embedded, at 200 clicks/s with no missed deadline.
    const p99Target = kind === 'escale-postgres' ? 30 : 100;
    checks.push({
      name: `${label}: p99 at ${run.openLoop.rate}/s for ${run.openLoop.seconds} s, no missed deadline`,
      target: `≤ ${p99Target} ms, 0 misses`,
      value: `${run.openLoop.p99} ms, ${run.openLoop.misses} misses`,
      met: run.openLoop.p99 !== null && run.openLoop.p99 <= p99Target && run.openLoop.misses === 0,
    });
    if (kind === 'escale-postgres') {
      const bot = run.openLoop.botCpuMsPerClick;
      const bareCpu = bare.openLoop.botCpuMsPerClick;
      const cpuRatio = bot !== null && bareCpu !== null && bareCpu > 0 ? Math.round((bot / bareCpu) * 100) / 100 : null;
      checks.push({
        name: `${label}: CPU per click at ${run.openLoop.rate}/s, ratio to the bare bot`,
        target: '≤ 2×',
        value: `${cpuRatio}× (${bot} vs ${bareCpu} ms)`,
        met: cpuRatio !== null && cpuRatio <= 2,
      });
    }
    checks.push({
      name: `${label}: burst of ${run.burst.clicks} on ${run.burst.capacity} seats`,
      target: '0 misses, counts exact',
      value: `${run.burst.misses} misses, ${run.burst.errorReplies} errors, exact: ${run.burst.exact}`,
      met: run.burst.misses === 0 && run.burst.errorReplies === 0 && run.burst.exact === true,
    });
  }
  if (results.dataScale) {
    for (const entry of dataScaleRatios(results.dataScale)) {
      const worst = Math.max(entry.click, entry.list, entry.tick);
      checks.push({
        name: `Cost with the data (${entry.database}): click, /trip list, scheduler tick at ${DATA_SCALES[1]} vs ${DATA_SCALES[0]} stops, p50 ratio`,
        target: '≤ 1.5× (the same cost)',
        value:
          `click ${entry.click}× (${entry.small.clickMs.p50} → ${entry.large.clickMs.p50} ms), ` +
          `list ${entry.list}× (${entry.small.listMs.p50} → ${entry.large.listMs.p50} ms), ` +
          `tick ${entry.tick}× (${entry.small.tickMs.p50} → ${entry.large.tickMs.p50} ms)`,
        met: worst <= 1.5 && entry.small.clickErrors + entry.large.clickErrors === 0,
      });
    }
  }
  if (results.rss) {
    const { rss } = results;
    const pglite = rss.withGuild['escale-pglite']?.rss;
    const postgres = rss.withGuild['escale-postgres']?.rss;
    const bare = rss.withGuild.bare?.rss;
    checks.push({
      name: 'Embedded: whole-process RSS idle (10 members) and with a guild of ' + `${rss.members} members`,
      target: '≤ 260 MB',
      value: `${mib(rss.pgliteIdle?.rss)} idle, ${mib(pglite)} with the guild (${rss.ratioPglite}× the bare bot's ${mib(bare)})`,
      met: rss.pgliteIdle !== null && pglite !== undefined && Math.max(rss.pgliteIdle.rss, pglite) <= 260 * 1e6,
    });
    checks.push({
      name: `Postgres: bot RSS with a guild of ${rss.members} members, ratio to the bare bot (default caches)`,
      target: '≤ 1.0×',
      value: `${rss.ratioPostgres}× (${mib(postgres)} vs ${mib(bare)})`,
      met: rss.ratioPostgres !== null && rss.ratioPostgres <= 1.0,
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
  if (results.soak) {
    const { soak } = results;
    checks.push({
      name: `No leak: RSS growth after the first minute, ${soak.minutes} min of mixed traffic (embedded)`,
      target: '< 5 %',
      value: `${soak.growthPercent} % (${soak.afterFirstMinuteMiB} → ${soak.endMiB} MiB, max ${soak.maxAfterFirstMinuteMiB})`,
      met: soak.minutes >= 10 && soak.growthPercent < 5,
    });
  }
  if (results.startup) {
    checks.push({
      name: 'Embedded: start to ready, fresh folder (spawn of `node dist/bundle/main.js` → "ready as")',
      target: '≤ 3.5 s',
      value: `${results.startup.freshMedianMs} ms (bare bot ${results.startup.bareMedianMs} ms)`,
      met: results.startup.freshMedianMs <= 3_500,
    });
    checks.push({
      name: 'Embedded: start to ready, existing folder',
      target: '≤ 2 s',
      value: `${results.startup.existingMedianMs} ms (bare bot ${results.startup.bareMedianMs} ms)`,
      met: results.startup.existingMedianMs <= 2_000,
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
      'p99 ≤ 30 (Postgres) / 100 (embedded)',
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
    const describe = (entry: { rss: number; runs: number[] } | null | undefined) =>
      entry ? `${mib(entry.rss)} [${entry.runs.map((value) => mib(value)).join(', ')}]` : '—';
    lines.push(
      `Whole-process RSS, ready and idle 5 s, guild of ${rss.members} members (median of the runs): bare bot ` +
        `${describe(rss.withGuild.bare)}, Escale on Postgres ${describe(rss.withGuild['escale-postgres'])} ` +
        `(${rss.ratioPostgres}×), Escale embedded ${describe(rss.withGuild['escale-pglite'])} (${rss.ratioPglite}×); ` +
        `Escale embedded with 10 members ${describe(rss.pgliteIdle)}.`,
    );
  }
  if (results.startup) {
    const { startup } = results;
    const list = (runs: typeof startup.fresh) =>
      runs.map((run) => `${run.spawnToReadyMs} ms (startMs ${ms(run.startMs)})`).join(', ');
    lines.push(
      'Start to ready on the embedded database (spawn of `node dist/bundle/main.js`, what `npm start` runs, → ' +
        `"ready as"): fresh folder ${startup.freshMedianMs} ms median [${list(startup.fresh)}]; existing folder ` +
        `${startup.existingMedianMs} ms median [${list(startup.existing)}]; the bare bot (bundled) ` +
        `${startup.bareMedianMs} ms [${list(startup.bare)}].`,
    );
  }
  if (results.web) {
    const { web } = results;
    lines.push(
      `Public page and feeds (Hono on this process, 16 concurrent clients, PGlite): community page ` +
        `${web.pageRequestsPerSecond} req/s, calendar feed ${web.feedRequestsPerSecond} req/s, feed answered 304 ` +
        `${web.feed304RequestsPerSecond} req/s; map SVG ${web.mapSvgMs.median} ms median (first ${web.mapSvgMs.first} ms), ` +
        `map PNG ${web.mapPngMs.median} ms median, ${web.mapPngMs.cachedMedian} ms from the cache, ${web.pngBytes} bytes.`,
    );
  }
  if (results.soak) {
    const { soak } = results;
    const c = soak.counts;
    lines.push(
      `Leak phase (embedded, \`--soak-minutes=${soak.minutes}\`): ${c.clicks} clicks at ${soak.clicksPerSecond}/s ` +
        `(${c.missed} missed), ${c.trips} trips announced, ${c.edits} edits, ${c.lists} /trip list, ${c.reminders} ` +
        `reminder jobs and ${c.recaps} recap jobs done; RSS ${soak.afterFirstMinuteMiB} MiB after the first minute, ` +
        `${soak.endMiB} MiB at the end (${soak.growthPercent} %), max ${soak.maxAfterFirstMinuteMiB} MiB; chart ` +
        `[${soak.chart}](${soak.chart.replace('bench/', '')}).`,
    );
  }
  for (const run of results.recaps?.runs ?? []) {
    lines.push(
      `${run.trips} recaps due at the same instant on ${run.database} (${run.measured}): lateness p50 ` +
        `${ms(run.latenessMs.p50)} ms, max ${ms(run.latenessMs.max)} ms, ${run.done}/${run.trips} done, ` +
        `${run.duplicates} duplicates (target ≤ 5 s); REST requests meanwhile: ` +
        `${Object.entries(run.restRequests)
          .map(([route, count]) => `${route} × ${count}`)
          .join(', ')}` +
        (run.announcements
          ? `; then ${run.announcements.linked}/${run.trips} announcements link to their recap, at most ` +
            `${run.announcements.maxEditsEach} edit each, the last ${ms(run.announcements.lastLinkedMs)} ms after due`
          : '') +
        '.',
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
    'Each bot runs in its own process (`node dist/bundle/main.js`, what `npm start` runs after its build, configured ' +
      'only through the environment; the bare bot bundled the same way), against the local Discord emulator in the ' +
      "benchmark process. Ack latency is the emulator's " +
      '`InteractionResult.latencyMs`: from the INTERACTION_CREATE dispatch to the interaction callback received. ' +
      'The bare bot is discord.js with default caches answering every interaction with an ephemeral "ok".',
    '',
    renderMarkdown(rows(results)),
    '',
    ...footprintLines(results).map((line) => `- ${line}`),
    '',
    ...(results.soak ? ['### Leak phase: RSS at the end of each minute', '', soakTable(results.soak), ''] : []),
    ...(results.dataScale ? dataScaleSection(results.dataScale) : []),
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

/** The data-scale phase (bench/dataScale.ts): the same work on a short and on a long history. */
function dataScaleSection(result: NonNullable<BenchResults['dataScale']>): string[] {
  const pair = (value: { p50: number; p90: number }) => `${value.p50} / ${value.p90}`;
  return [
    `### Cost with the data: ${DATA_SCALES[0]} vs ${DATA_SCALES[1]} stops (4 answers each, most past)`,
    '',
    'The use cases called in the benchmark process against the database (no Discord in between), ' +
      `${result.iterations} calls each after a warm-up; the same 40 upcoming stops in both histories. ms p50 / p90.`,
    '',
    '| database | stops | answers | click "going" | /trip list page | scheduler tick (idle) | seeding |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...result.runs.map(
      (run) =>
        `| ${run.database} | ${run.stops} | ${run.answers} | ${pair(run.clickMs)}${run.clickErrors ? ` (${run.clickErrors} failed)` : ''} | ` +
        `${pair(run.listMs)} | ${pair(run.tickMs)} | ${run.seedMs} ms |`,
    ),
    '',
  ];
}
