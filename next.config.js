// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The demo article and migrations are read from disk at run time.
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*', './content/**/*'] },
};

module.exports = nextConfig;
