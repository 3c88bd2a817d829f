#!/usr/bin/env bash
# Regenerates the committed prompt audio (src/main/resources/prompts/*.ulaw) from the
# scenario files with espeak-ng. Run from anywhere after changing a text in a scenario.
# Needs: espeak-ng (Debian package espeak-ng), a JDK 17+.
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$module/.." && pwd)"
cd "$root"
./mvnw -q -pl ars-call-service compile dependency:build-classpath \
  -Dmdep.outputFile="$module/target/classpath.txt" -Dmdep.includeScope=runtime
java -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  com.phoneverify.ars.prompt.PromptGenerator \
  "$module/src/main/resources/scenarios" "$module/src/main/resources/prompts" "${ESPEAK:-espeak-ng}"
