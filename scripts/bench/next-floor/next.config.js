// The floor app of the benchmark (scripts/bench/run.mjs builds it into its results folder): a bare Next.js route handler.
module.exports = { serverExternalPackages: ["better-sqlite3", "busboy"] };
