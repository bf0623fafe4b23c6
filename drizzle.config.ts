import { defineConfig } from 'drizzle-kit';

// Generating migrations needs no database: `npm run db:generate` writes SQL into migrations/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
