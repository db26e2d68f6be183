// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules stay outside the server bundle; so does pdf.js, which loads its own worker module at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pdfjs-dist"],
  // Uploads go through streaming route handlers, never server actions; actions only carry forms.
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  poweredByHeader: false,
  // The demo's build skips the type check (npm test runs it): it is a third of a cold build on two cores.
  typescript: { ignoreBuildErrors: process.env.TRACKER_SKIP_TYPECHECK === "1" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
