// drizzle-kit configuration: `npm run db:generate` writes SQL migrations for src/storage/schema.ts
// into migrations/ (applied on open by src/storage/migrate.ts). Paths are relative to the repo root.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/storage/schema.ts',
  out: './migrations',
});
