// drizzle-kit settings: migrations are generated from db/schema.ts into db/migrations and committed.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: `${process.env.DATA_DIR ?? "data"}/tracker.db` },
});
