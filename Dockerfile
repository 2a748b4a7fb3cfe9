# One image for every role of Emporium, the role chosen by argument:
#   docker run … emporium                                        every role in one process (embedded profile)
#   docker run … emporium node dist/main.js --role command-api   one role (distributed profile)
#   docker run … emporium node bin/emporium-admin.js migrate-database
# Runs as a non-root account and writes only to /data (the embedded PostgreSQL, kept keys) and
# /tmp, so it runs with a read-only root filesystem (scripts/smoke-image.sh checks it so).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The dependencies exactly as the lockfile has them; this layer is rebuilt only when it changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.js ./scripts/build.js
COPY src ./src
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 EMPORIUM_DATA_DIR=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# /data and /keys: a fresh named volume mounted there takes this ownership, so the app can write it.
RUN mkdir -p /data /keys && chown 1000:1000 /data /keys
# The image's `node` account, by number, so that Kubernetes' runAsNonRoot can check it.
USER 1000:1000
# V8 otherwise lets garbage pile up to hundreds of MB under load before collecting it; with this
# cap the whole shop in one process peaked at 192 MB under the saturated checkout (bench/README.md).
ENV NODE_OPTIONS=--max-old-space-size=256
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "bin/healthcheck.js"]
CMD ["node", "dist/main.js"]
