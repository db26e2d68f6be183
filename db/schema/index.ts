// Every table of the contribution tracker. Instants are UTC epoch milliseconds (integer columns named *_at).
// One module per concern; a table references only tables of the modules above it in this list, so the
// modules import one another one way only. Every import here is relative: drizzle-kit reads this folder and
// cannot resolve "@/" paths.
export * from "./structure";
export * from "./people";
export * from "./meetings";
export * from "./contributions";
export * from "./late";
export * from "./review";
export * from "./texts";
export * from "./audit";
export * from "./mail";
export * from "./notices";
export * from "./relations";
export * from "./types";
