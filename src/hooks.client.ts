// Zod compiles its object parsers with new Function() wherever a page allows it; ours does not
// (the Content-Security-Policy in svelte.config.js), and even Zod's probe for it is reported as
// a violation. Set before any schema parses in the browser.
import { z } from 'zod';

z.config({ jitless: true });
