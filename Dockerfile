# syntax=docker/dockerfile:1
# The ledger's image: built from source, run as a non-root user with production dependencies
# only. `docker compose up` (docker-compose.yml) runs it against KurrentDB.
#
# Node 20: the runtime every test of the ledger runs on, so the image ships what was tested.
# Node 20 is past its end of life (April 2026): to run on a supported LTS, run `npm test` on it
# first, then build with e.g. `--build-arg NODE_IMAGE=node:24-bookworm-slim`.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, then the TypeScript build (dist/) ---------------------------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# --- production dependencies only (native modules built here, with the toolchain) ---------
FROM ${NODE_IMAGE} AS runtime-deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- the image: no compiler, no dev dependencies, not root ---------------------------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LEDGER_DATA_DIR=/data
WORKDIR /app
COPY --from=runtime-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The reference deal `ledger serve` loads into an empty store (LEDGER_SEED=none to skip).
COPY --chown=root:root seed ./seed
# The code is root's and read-only to the service; only the data directory is its own.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/cli/src/main.js", "serve"]
