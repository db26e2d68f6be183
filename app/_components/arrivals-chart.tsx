// Arrivals per hour around the cutoff as an SVG drawn on the server: readable without JavaScript, with a table twin.
import type { HourBucket } from "@/lib/data/late-report";
import { formatGeneva, formatGenevaShort } from "@/lib/present/time";
import { LocalBeside } from "./when";
import { getT } from "@/lib/i18n/server";
import { DataTable } from "./data-table";

export async function ArrivalsChart({ buckets, deadlineAt }: { buckets: HourBucket[]; deadlineAt: number }) {
  const { t, locale } = await getT();
  const width = 720;
  const height = 200;
  const pad = { left: 34, right: 8, top: 12, bottom: 34 };
  const maxCount = Math.max(1, ...buckets.map((b) => b.onTime + b.late));
  const barW = (width - pad.left - pad.right) / buckets.length;
  const y = (n: number) => pad.top + (height - pad.top - pad.bottom) * (1 - n / maxCount);
  const cutoffIndex = buckets.findIndex((b) => b.start === deadlineAt);
  const cutoffX = pad.left + (cutoffIndex < 0 ? buckets.length : cutoffIndex) * barW;
  const total = buckets.reduce((s, b) => s + b.onTime + b.late, 0);
  // "23 Jun, 18:00" / "23 июн., 18:00": the Geneva reading without year and zone, which the legend names.
  const axisLabel = (ms: number) => formatGenevaShort(ms, locale);
  return (
    <figure className="chart" aria-labelledby="arrivals-caption">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="arrivals-title" style={{ width: "100%", height: "auto", maxWidth: width }}>
        <title id="arrivals-title">{t("report.chart.title", { total })}</title>
        <line x1={pad.left} y1={y(0)} x2={width - pad.right} y2={y(0)} stroke="#555" />
        <text x={pad.left - 4} y={y(maxCount) + 4} textAnchor="end" fontSize="11">
          {maxCount}
        </text>
        <text x={pad.left - 4} y={y(0) + 4} textAnchor="end" fontSize="11">
          0
        </text>
        {buckets.map((b, i) => {
          const x = pad.left + i * barW;
          return (
            <g key={b.start}>
              {b.onTime > 0 ? <rect x={x + 0.5} y={y(b.onTime)} width={Math.max(1, barW - 1)} height={y(0) - y(b.onTime)} fill="#00558b" /> : null}
              {b.late > 0 ? (
                <rect x={x + 0.5} y={y(b.onTime + b.late)} width={Math.max(1, barW - 1)} height={y(b.onTime) - y(b.onTime + b.late)} fill="#8a1c13" stroke="#fff" strokeDasharray="2 1" />
              ) : null}
              {i % 12 === 0 ? (
                <text x={x} y={height - 18} fontSize="10">
                  {axisLabel(b.start)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={cutoffX} y1={pad.top - 6} x2={cutoffX} y2={y(0) + 4} stroke="#000" strokeWidth="2" strokeDasharray="5 3" />
        <text x={cutoffX + 4} y={pad.top + 4} fontSize="11" fontWeight="bold">
          {t("report.chart.cutoff")}
        </text>
        <text x={pad.left} y={height - 4} fontSize="10">
          {t("report.chart.legend")}
        </text>
      </svg>
      <figcaption id="arrivals-caption">
        {t("report.chart.caption", { hours: Math.round((deadlineAt - buckets[0].start) / 3_600_000) })}{" "}
        {t("report.chart.cutoffAt", { deadline: formatGeneva(deadlineAt - 1, { seconds: false, locale }) })} <LocalBeside at={deadlineAt - 1} />
      </figcaption>
      <details>
        <summary>{t("report.chart.asTable")}</summary>
        <DataTable columns={[t("report.chart.col.hour"), t("report.chart.col.onTime"), t("report.chart.col.late")]}>
          {buckets
            .filter((b) => b.onTime + b.late > 0)
            .map((b) => (
              <tr key={b.start}>
                <td>{formatGeneva(b.start, { seconds: false, locale })}</td>
                <td>{b.onTime}</td>
                <td>{b.late}</td>
              </tr>
            ))}
        </DataTable>
      </details>
    </figure>
  );
}
