# Sourced by ./bai and ./build: sets BAI_JAVA_HOME to a JDK >= 21 or explains what is needed.
# Reads each candidate's `release` file instead of starting a JVM, so the probe costs nothing.
bai_java_major() { # $1 = JDK home; prints its major version or nothing
  local rel="$1/release" v
  [ -x "$1/bin/java" ] && [ -r "$rel" ] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$rel")
  [ -n "$v" ] && echo "$v"
}

bai_find_java() {
  local want=${BAI_MIN_JAVA:-21} c m best="" bestm=0 onpath=""
  if command -v java >/dev/null 2>&1; then
    onpath=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for c in "${BAI_JAVA_HOME:-}" "${JAVA_HOME:-}" "$onpath" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* \
           /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    m=$(bai_java_major "$c") || continue
    # An explicit BAI_JAVA_HOME or JAVA_HOME that is new enough wins; otherwise take the newest found.
    if [ "$m" -ge "$want" ] && { [ "$c" = "${BAI_JAVA_HOME:-}" ] || [ "$c" = "${JAVA_HOME:-}" ]; }; then
      BAI_JAVA_HOME=$c; return 0
    fi
    if [ "$m" -ge "$want" ] && [ "$m" -gt "$bestm" ]; then best=$c; bestm=$m; fi
  done
  if [ -n "$best" ]; then BAI_JAVA_HOME=$best; return 0; fi
  echo "bai: needs a JDK $want or newer, and found none (looked at BAI_JAVA_HOME, JAVA_HOME, java on PATH," \
       "/usr/lib/jvm, /usr/local/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks)." >&2
  echo "bai: install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set BAI_JAVA_HOME to its folder." >&2
  return 1
}
