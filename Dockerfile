# The Emporium app (and the sandbox gateway, with another command). Used by docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.js ./scripts/build.js
COPY src ./src
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 EMPORIUM_DATA_DIR=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# /keys: a fresh named volume mounted there takes this ownership, so the signing-key step can write it.
RUN mkdir -p /data /keys && chown node:node /data /keys
USER node
# V8 otherwise lets garbage pile up to hundreds of MB under load before collecting it; with this
# cap the whole shop in one process peaked at 192 MB under the saturated checkout (bench/README.md).
ENV NODE_OPTIONS=--max-old-space-size=256
EXPOSE 3000
CMD ["node", "dist/main.js"]
