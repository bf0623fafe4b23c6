# syntax=docker/dockerfile:1
# Build stage: all dependencies, type-check the sources.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck && npm run build

# Runtime stage: production dependencies only, non-root user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production TZ=UTC DATA_DIR=/data HEALTH_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Our code bundled by esbuild (packages stay in node_modules): no TypeScript transpiling at start-up; and the empty
# embedded database a fresh DATA_DIR is made from (no initdb at start-up).
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations are applied at start-up (under an advisory lock on Postgres), then the bot connects.
# For several shards: docker run … escale node dist/bundle/sharded.js (needs DATABASE_URL).
# Same as `npm start` (package.json): a small young generation, and one full GC once ready (--expose-gc, src/main.ts),
# keep the resident size down (bench/RESULTS.md).
CMD ["node", "--max-semi-space-size=1", "--expose-gc", "dist/bundle/main.js"]
