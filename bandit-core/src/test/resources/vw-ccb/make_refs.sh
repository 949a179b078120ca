#!/usr/bin/env bash
# Regenerates ref/ by running a VW 9.11 binary over cases.tsv, in order (the model_* cases share models/).
# Usage: make_refs.sh /path/to/vw
set -euo pipefail
vw=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$here/data" "$work/data"
mkdir "$work/models"
cd "$work"
tail -n +2 "$here/cases.tsv" | while IFS=$'\t' read -r name args; do
  # shellcheck disable=SC2086
  "$vw" $args > "$here/ref/$name.stdout" 2> "$here/ref/$name.stderr"
  if [ -f "$name.predict" ]; then cp "$name.predict" "$here/ref/$name.predict"; fi
  if [ ! -s "$here/ref/$name.stdout" ]; then rm "$here/ref/$name.stdout"; fi
done
