import { describeFuzz } from '../support/reliability/fuzz-suite.ts';

// SPEC §12: 10,000 fuzzed bodies on each public endpoint, every admin POST route included.
describeFuzz('soak: 10,000 fuzzed requests per public endpoint (in-process app)', 10_000, 10_000);
