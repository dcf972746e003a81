# syntax=docker/dockerfile:1
# Vendorwatch: a two-stage image. The build stage has the compilers better-sqlite3 needs for `npm ci`; the runtime
# stage has none of them, only production dependencies, and runs as the unprivileged `node` user.
# Build:  docker build -t vendorwatch .
# Run:    docker run -d --env-file .env -p 3000:3000 -v vendorwatch-data:/data vendorwatch

# A supported Node LTS line on the current Debian stable. Node 20 reached its end of life on 2026-04-30; 24 has
# security fixes until 2028-04-30 (the project itself still runs on Node 20 and newer: package.json "engines").
ARG NODE_IMAGE=node:24-trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary when it can and compiles from source when it cannot: keep both working.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies first, so this layer is reused while only sources change. --ignore-scripts holds back our own
# `prepare` (the build, which needs the sources copied below); the two dependencies with install scripts run theirs.
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3 esbuild
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
# tsc -p tsconfig.build.json: src/ and adapters/ compiled to dist/ (with the JSON files read at run time), which
# bin/vendorwatch.js runs. Then the dev tools go (tsx, typescript, vitest): nothing at run time needs them.
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# HOST=0.0.0.0: inside a container the published port reaches the process only on the container's own interface;
# what the outside world may reach is decided by `-p` / compose `ports` (loopback there by default).
ENV NODE_ENV=production \
    VENDORWATCH_DB=/data/vendorwatch.db \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Only what runs: the compiled code, the command, production dependencies, and package.json ("type": "module"
# makes dist/ ES modules; the version goes into the feed User-Agent). No TypeScript sources.
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
# The code is root's and read-only to the service; only /data (the SQLite file, its -wal and -shm, upgrade backups)
# belongs to the user it runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# No curl in the slim image: ask /healthz with node itself. 503 (store not writable, cycles late) marks it unhealthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(8000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) finishes the running cycle and exits within 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "bin/vendorwatch.js", "start"]
