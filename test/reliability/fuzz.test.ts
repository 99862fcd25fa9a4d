import { describeFuzz } from '../support/reliability/fuzz-suite.ts';

// 1,000 per endpoint keeps this under ~15 s; test/soak/fuzz.soak.test.ts runs 10,000 each.
describeFuzz('fuzzed requests to the public endpoints (in-process app, real SQLite)', 1000, 100);
