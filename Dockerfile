# sales-radar bot image: `docker build -t sales-radar .` then see compose.yaml.
# Two stages: the build stage installs production dependencies (compiling better-sqlite3 when no prebuilt
# binary fits) and compiles TypeScript to dist/ (npm's prepare step); the runtime stage carries only that.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Toolchain for native modules without a prebuilt binary (better-sqlite3, resvg fall back to it).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY migrations ./migrations
# --omit=dev: no test browser, no type checker. prepare (bin/compile.mjs) still runs and writes dist/.
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    RADAR_DB=/data/radar.sqlite \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz answers 200 once the HTTP server is up (Slack/Feishu HTTP mode and the dashboard share the port).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The compiled entry point: no TypeScript loader at run time. The CLI is `docker compose exec bot node bin/radar.mjs …`.
CMD ["node", "dist/src/main.js"]
