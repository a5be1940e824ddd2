#!/bin/sh
# The model image's command (an init container of the classifier): copies every version beside this
# script (/models in the image) into the classifier's model volume, then lists what it copied. Exits
# non-zero when no version was copied, so a pod never starts on an empty model folder.
set -eu
source="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: copy-models.sh TARGET_FOLDER}"
for version in "$source"/*/; do
  [ -f "$version/model.json" ] && cp -R "$version" "$target/"
done
found=$(find "$target" -mindepth 2 -maxdepth 2 -name model.json | wc -l)
if [ "$found" -eq 0 ]; then
  echo "no model version copied into $target (the image holds none)" >&2
  exit 1
fi
echo "copied $found model version(s) into $target:"
find "$target" -mindepth 2 -maxdepth 2 -name model.json
