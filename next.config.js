// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Several checkouts' builds can share one machine (parallel test runs): FACTMARK_DIST_DIR keeps them apart.
  distDir: process.env.FACTMARK_DIST_DIR || '.next',
  // The build type-checks the app; tests and benchmarks are checked by `npm test` (tsc --noEmit).
  // `npm test` has already run tsc over everything (a superset) before its build, so it may skip
  // the build's own check with FACTMARK_BUILD_SKIP_TYPECHECK=1; `npm run build` always checks.
  typescript: { tsconfigPath: './tsconfig.build.json', ignoreBuildErrors: process.env.FACTMARK_BUILD_SKIP_TYPECHECK === '1' },
  // pdfkit reads its own data files at run time; piscina starts its own worker file by path
  // (lib/workers/pool.ts): neither works bundled, and neither is on Next's default external list.
  serverExternalPackages: ['pdfkit', 'piscina'],
  // Server bundles are not minified: they are never sent to a browser, a production stack trace
  // then names our functions, and the build needs about a third less CPU (87 → 59 CPU-seconds,
  // 47 → 36 s on the 2-core test machine). The cost: a start reads more code (3.0 against 2.75
  // CPU-seconds to the first page here). Browser bundles are minified as before.
  experimental: { turbopackMinify: { server: false, client: true } },
  // The demo article, migrations and the PDF's fonts are read from disk at run time.
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*', './content/**/*', './node_modules/dejavu-fonts-ttf/ttf/*.ttf'] },
};

module.exports = nextConfig;
