# A small image that runs agno-migrate: every dialect and driver, serve and v1-to-v2, nothing else.
#   docker build -t agno-migrate .
#   docker run --rm -e DATABASE_URL=postgres://app@db/agno agno-migrate            # up
#   docker run --rm -e DATABASE_URL=… agno-migrate status --check
# Built from the packed workspace packages, so the image holds exactly what npm would install.
FROM node:20-alpine AS pack
# The workspace install builds better-sqlite3 for its own tests; this stage is thrown away.
RUN apk add --no-cache python3 make g++ && npm i -g pnpm@10
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile && mkdir /tarballs \
 && for p in core dialect-sqlite dialect-postgres dialect-mysql dialect-singlestore http v1-to-v2 cli; do \
      (cd packages/$p && pnpm pack --pack-destination /tarballs >/dev/null); done

FROM node:20-alpine
WORKDIR /app
COPY --from=pack /tarballs /tarballs
# better-sqlite3 needs a compiler only when no prebuilt binary matches; remove it afterwards.
RUN apk add --no-cache --virtual .build python3 make g++ \
 && npm init -y >/dev/null \
 && npm install --omit=dev --no-audit --no-fund /tarballs/*.tgz pg mysql2 better-sqlite3 \
 && npm cache clean --force && rm -rf /tarballs && apk del .build
COPY docker/entrypoint.sh /usr/local/bin/agno-migrate-entrypoint
ENV PATH=/app/node_modules/.bin:$PATH NO_COLOR=1
USER node
WORKDIR /work
ENTRYPOINT ["agno-migrate-entrypoint"]
