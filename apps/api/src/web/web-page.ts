import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * The page runs only its own scripts and styles, and talks only to this server: what a
 * source reported can never run as code here, even if it were put into the page as markup.
 */
const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Serves the built web page from `webRoot` (dist/web): `index.html` at `/`, its scripts and
 * styles under `/assets/`. Nothing else: every other path stays the API's, and the page
 * routes in the URL fragment, so no API route can be shadowed by a page path.
 * Registered before the API's routes exist; the two sets of paths do not meet.
 */
export function serveWebPage(app: NestExpressApplication, webRoot: string): void {
  const setHeaders = (res: Response) => {
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
    // Files keep their names across builds: always revalidate (serve-static answers 304s).
    res.setHeader('Cache-Control', 'no-cache');
  };
  app.useStaticAssets(join(webRoot, 'assets'), { prefix: '/assets/', index: false, redirect: false, setHeaders });

  const indexFile = join(webRoot, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '/index.html')) return next();
    if (!existsSync(indexFile)) {
      res.status(503).type('text/plain').send(`The web page has not been built (no ${indexFile}): run \`npm run build\`.\n`);
      return;
    }
    setHeaders(res);
    res.sendFile(indexFile);
  });
}
