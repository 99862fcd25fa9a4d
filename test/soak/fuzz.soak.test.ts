import { describeFuzz } from '../support/reliability/fuzz-suite.ts';

// SPEC §12 / issue 9: 10,000 fuzzed bodies on the webhook and on notify, and 10,000 across the
// admin JSON routes (600 per POST route, 17 routes), so the soak stays within CI's time budget.
describeFuzz('soak: 10,000 fuzzed requests per public endpoint (in-process app)', 10_000, 600);
