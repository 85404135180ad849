// The web page's hand-written files (HTML, CSS) go beside the compiled scripts in dist/web.
import { cpSync } from 'node:fs';

cpSync(new URL('./static/', import.meta.url), new URL('../../dist/web/', import.meta.url), { recursive: true });
