// The floor of an upload through Next.js: the bare Node baseline's work (scripts/bench/floor-upload.mjs) in an App
// Router route handler, so that the benchmark tells the framework's own cost from the tracker's.
import { uploadFloor } from "../../../../floor-upload.mjs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const g = globalThis;

export async function GET() {
  return Response.json({ ok: true });
}

export async function POST(request) {
  const floor = (g.__uploadFloor ??= uploadFloor(process.env.FLOOR_DATA_DIR));
  const { status, body } = await floor.receive(Object.fromEntries(request.headers), request.body);
  return Response.json(body, { status });
}
