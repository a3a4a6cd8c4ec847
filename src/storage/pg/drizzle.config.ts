// drizzle-kit configuration for PostgreSQL: `npm run db:generate:pg` writes SQL migrations for
// src/storage/pg/schema.ts into migrations/pg/ (applied by openPgDb, src/storage/pg/db.ts).
// Paths are relative to the repo root. Generating needs no server.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/pg/schema.ts',
  out: './migrations/pg',
});
