# Sourced by ./warren, ./mvnw and .ci/run: finds a JDK 25 and exports JAVA_HOME.
# The default `java` on this kind of machine is 17; Warren needs 25 (Vector API, FFM).
# Order: WARREN_JAVA_HOME, JAVA_HOME (if it is 25+), then the usual install folders.
warren_java_version() {
  # The release file names the version without starting a JVM; ask the JVM only when it is missing.
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
  fi
}
warren_find_jdk25() {
  local candidate version
  for candidate in "${WARREN_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* \
                   /usr/lib/jvm/jdk-25* /opt/java/jdk-25* /opt/jdk-25* "$HOME"/.sdkman/candidates/java/25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version=$(warren_java_version "$candidate")
    if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! WARREN_JDK=$(warren_find_jdk25); then
  echo "warren: JDK 25 or newer is required but none was found." >&2
  echo "  Install one (e.g. Temurin 25 under /usr/lib/jvm) or set WARREN_JAVA_HOME to its folder." >&2
  exit 3
fi
export JAVA_HOME="$WARREN_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
