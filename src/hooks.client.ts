import { config } from 'zod';

// Zod compiles its object parsers with `new Function` when it may; the first parse probes for
// that, and under our CSP (no 'unsafe-eval') the probe is a CSP violation in the console.
// Parsing without the compiled fast path is plenty fast for the forms in the browser.
config({ jitless: true });
