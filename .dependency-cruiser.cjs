/**
 * Escale's dependency rule (README, "Layout"), checked by `npm run lint`:
 *
 *   commands → discord → app → domain          (each may also use the layers further right)
 *   app → db repositories; i18n and db may use domain; domain uses nothing of ours
 *   http (web adapter, at discord's level) → app, domain, i18n, map, metrics — never discord
 *   map (pure rendering) → domain
 *   jobs: the scheduler runs app use cases; app schedules through src/jobs/queue.ts (the jobs table) only
 *   nothing imports src/emulator or src/sandbox but tests, the sandbox itself and bench/
 *   no import cycles anywhere
 *
 * A type-only import of a row type (`import type { TripRow }`) from db is allowed to the adapters: it names data,
 * it does not reach past the use cases.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make a module impossible to understand (or load) on its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds the rules: values in, results out. It imports nothing of ours but itself, and no I/O.',
      from: { path: '^src/domain/' },
      to: {
        path: ['^src/(?!domain/)', '^commands/', '^(discord\\.js|@discordjs/|drizzle-orm|pg$|@electric-sql/|pino)'],
      },
    },
    {
      name: 'app-below-adapters',
      severity: 'error',
      comment:
        'Use cases know no adapter: no discord.js, no Discord or web adapter, no command. Discord markup comes from the Markup port.',
      from: { path: '^src/app/' },
      to: {
        path: [
          '^src/(discord|http|map|emulator|sandbox)/',
          '^src/jobs/(?!queue\\.ts$)',
          '^commands/',
          '^src/(bot|main|sharded|deploy-commands)\\.ts$',
          '^(discord\\.js|@discordjs/)',
          '^drizzle-orm',
        ],
      },
    },
    {
      name: 'discord-through-use-cases',
      severity: 'error',
      comment: 'The Discord adapter calls use cases; it reads or writes the database only through them.',
      from: { path: '^src/discord/' },
      to: {
        path: ['^src/db/', '^src/jobs/', '^src/(http|map|emulator|sandbox)/', '^commands/', '^src/bot\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'commands-are-thin',
      severity: 'error',
      comment: 'A command parses its options and calls a use case; it renders through src/discord.',
      from: { path: '^commands/' },
      to: {
        path: ['^src/db/', '^src/jobs/', '^src/(http|map|emulator|sandbox)/', '^drizzle-orm'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'http-never-discord',
      severity: 'error',
      comment: 'The web adapter stands beside the Discord one: use cases and queries, never the Discord client.',
      from: { path: '^src/http/' },
      to: {
        path: ['^src/(discord|emulator|sandbox|jobs)/', '^commands/', '^src/db/', '^(discord\\.js|@discordjs/)'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'map-is-pure-rendering',
      severity: 'error',
      comment: 'src/map draws from values: it may use the domain, nothing else of ours.',
      from: { path: '^src/map/' },
      to: { path: '^(src/(?!map/|domain/)|commands/)' },
    },
    {
      name: 'i18n-and-db-use-only-domain',
      severity: 'error',
      comment: 'Catalogs and repositories may use domain values, nothing above them.',
      from: { path: '^src/(i18n|db)/' },
      to: { path: ['^src/(app|discord|http|map|jobs|emulator|sandbox)/', '^commands/'] },
    },
    {
      name: 'jobs-never-discord',
      severity: 'error',
      comment: 'Due work runs use cases through their ports; it does not know the Discord client.',
      from: { path: '^src/jobs/' },
      to: { path: ['^src/(discord|http|emulator|sandbox)/', '^commands/', '^(discord\\.js|@discordjs/)'] },
    },
    {
      name: 'emulator-and-sandbox-are-for-tests',
      severity: 'error',
      comment: 'The local Discord is for tests, the sandbox and bench/ only: the bot never ships it.',
      from: { pathNot: ['^src/(emulator|sandbox)/', '^test/', '^bench/'] },
      to: { path: '^src/(emulator|sandbox)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
