// The domain's enumerations and value types, for every layer (db/schema/, the server, client components).
export * from "./enums";
