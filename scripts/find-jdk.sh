# Sourced by ./bench and scripts/test.sh: sets BENCH_JAVA_HOME to a JDK 25 or newer, or explains and exits.
# Order: $JAVA_HOME when it is 25+, then the newest suitable JDK under /usr/lib/jvm.
bench_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}
bench_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(bench_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      BENCH_JAVA_HOME="$JAVA_HOME"; return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(bench_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      BENCH_JAVA_HOME="$candidate"; return 0
    fi
  done
  echo "bench: needs a JDK 25 or newer (for the Vector API) and found none." >&2
  echo "  Checked JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*. Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  return 1
}
