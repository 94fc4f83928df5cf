import { fuzzArea } from "./run-fuzz";

// The institution's form actions (filing wizard, escrow, lessons, pool logs), fuzzed (see route-table.ts).
fuzzArea("org");
