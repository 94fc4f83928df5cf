#!/usr/bin/env sh
# Stand-in for Prisma's native schema engine, which the CLI downloads and which cannot be
# fetched on our machines. `prisma generate` only needs the path to point at an executable and
# never runs it. Migrations are hand-written SQL applied by `npm run db:migrate`
# (scripts/db-migrate.ts); see README "Adding a migration".
echo "tipei: Prisma's schema engine is not installed here (no download possible)." >&2
echo "Apply migrations with 'npm run db:migrate'; write new ones by hand under prisma/migrations." >&2
exit 1
