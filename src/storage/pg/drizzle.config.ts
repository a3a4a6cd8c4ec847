// drizzle-kit configuration for PostgreSQL: `npm run db:generate:pg` writes SQL migrations for
// src/storage/pg/schema.ts (the mirror of SQLite's) and fleet.schema.ts (replicas only) into migrations/pg/ (applied by openPgDb, src/storage/pg/db.ts).
// Paths are relative to the repo root. Generating needs no server.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/storage/pg/schema.ts', './src/storage/pg/fleet.schema.ts'],
  out: './migrations/pg',
});
