// drizzle-kit settings: migrations are generated from db/schema/ into db/migrations and committed.
// It reads the folder through index.ts, the entry point the app's client imports too, so both see the same tables.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: { url: `${process.env.DATA_DIR ?? "data"}/tracker.db` },
});
