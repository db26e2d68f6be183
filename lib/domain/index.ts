// The domain's enumerations and value types, for every layer (db/schema.ts, the server, client components).
export * from "./enums";
