import { createContext, type ReactNode, useContext } from "react";

// The per-request Content-Security-Policy nonce, given to every <script> Remix renders.
// In the browser it is empty: scripts added after hydration come from 'self'.
const NonceContext = createContext("");

export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
