/** Remix classic compiler. The server build is loaded by server/index.ts (Express). */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverBuildPath: "build/server/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  postcss: true,
  tailwind: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with a root splat route (the 404 page) lazy discovery renders the splat before the real
    // route is discovered and its data is loaded (seen with Remix 2.17).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
