import "@remix-run/node";
import type { LoadContext } from "../server/app";

declare module "@remix-run/node" {
  interface AppLoadContext extends LoadContext {}
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends LoadContext {}
  interface Future {
    v3_singleFetch: true;
  }
}
