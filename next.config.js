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
  // The demo article, migrations and the PDF's fonts are read from disk at run time.
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*', './content/**/*', './node_modules/dejavu-fonts-ttf/ttf/*.ttf'] },
};

module.exports = nextConfig;
