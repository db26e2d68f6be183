// Nothing starts with the floor app (without this file, Next.js would take the tracker's, two folders up).
export function register() {}
