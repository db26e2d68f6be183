// ESLint: TypeScript rules, Drizzle's guard against update/delete without WHERE, and the one-clock rule.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import globals from "globals";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "bench-results/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/time/clock.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Read the time through now() from lib/time/clock.ts." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Read the time through now() from lib/time/clock.ts." },
      ],
    },
  },
  { files: ["next.config.js", "scripts/bench/next-floor/next.config.js"], languageOptions: { sourceType: "commonjs", globals: { ...globals.node, module: "writable" } } },
  {
    files: ["scripts/**/*.mjs", "scripts/bench/next-floor/**/*.js", "tests/**/*.{ts,mts,mjs}"],
    languageOptions: { globals: globals.node },
  },
);
