import { fuzzArea } from "./run-fuzz";

// The regulator's and the platform admin's form actions, fuzzed (see route-table.ts).
fuzzArea("gov");
