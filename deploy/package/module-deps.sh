#!/usr/bin/env bash
# Lists the JDK modules the packaged apps' classes refer to (jdeps), with how many jars need each, to check the
# module list in build-image.sh after dependency changes. jdeps --print-module-deps over all jars at once stops at the
# first modular jar whose own module requirements are not on the module path, so each jar is analysed alone (a modular
# jar as plain classes). Takes ~15 minutes on 2 cores. Modules loaded by name at run time are not found this way.
# Usage: module-deps.sh APP_DIR... (e.g. control-plane/target/dtaas-package transfer-worker/target/dtaas-package)
set -euo pipefail
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
find "$@" -name '*.jar' ! -name quarkus-run.jar -print0 | while IFS= read -r -d '' jar; do
  out="$("$JDK/bin/jdeps" -s --ignore-missing-deps --multi-release 25 "$jar" 2>&1 || true)"
  if printf '%s\n' "$out" | grep -q '^Error'; then
    rm -rf "$scratch/classes" && mkdir "$scratch/classes"
    (cd "$scratch/classes" && unzip -qo "$jar" -x 'module-info.class' 'META-INF/versions/*/module-info.class')
    out="$("$JDK/bin/jdeps" -s --ignore-missing-deps --multi-release 25 "$scratch/classes" 2>&1 || true)"
  fi
  printf '%s\n' "$out" | grep -o -- '-> \(java\|jdk\)\.[a-z.]*' | sed "s|^-> ||; s|\$| $(basename "$jar")|"
done | sort -u | awk '{n[$1]++; if (!($1 in ex)) ex[$1]=$2} END {for (m in n) printf "%5d %-24s e.g. %s\n", n[m], m, ex[m]}' | sort -rn
