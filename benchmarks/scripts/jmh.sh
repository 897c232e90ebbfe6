#!/usr/bin/env bash
# Runs the whole JMH suite in one JVM fork per benchmark, with the same settings for every benchmark, and prints
# the summary table (time and allocation per op, peer/ours ratios, targets).
#
#   benchmarks/scripts/jmh.sh                      # full run: about 3-4 minutes on 2 cores
#   benchmarks/scripts/jmh.sh --smoke              # 1 warm-up + 1 measurement of 1 s each: checks it all works
#   benchmarks/scripts/jmh.sh --profile stack Library.staticSession   # hot spots, JMH's stack sampler
#   benchmarks/scripts/jmh.sh --profile jfr Library.staticSession     # a JFR recording per benchmark
#   benchmarks/scripts/jmh.sh --iterations "-wi 2 -w 1s -i 3 -r 1s" Library   # other warm-up/measurement
#   benchmarks/scripts/jmh.sh -- -prof perfasm                        # anything after -- goes to JMH as is
#                                     (JMH rejects a repeated option: change -wi/-w/-i/-r with --iterations)
#
# Settings of the full run: -bm avgt -tu ns -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc (gc.alloc.rate.norm = B/op).
# Results: benchmarks/target/jmh-result.json (JMH JSON), benchmarks/target/jmh-output.txt (JMH's own log).
# Profiles: benchmarks/target/jfr/ (JFR) or the log (stack). Set SKIP_BUILD=1 to reuse an existing jar.
# A positional argument is a JMH benchmark regex (default: all benchmarks in the jar).
set -euo pipefail
cd "$(dirname "$0")/../.."

iterations=(-wi 3 -w 2s -i 5 -r 2s)
profilers=(-prof gc)
regex=()
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) iterations=(-wi 1 -w 1s -i 1 -r 1s); shift ;;
    --iterations) read -r -a iterations <<<"${2:?--iterations needs JMH options}"; shift 2 ;;
    --profile)
      case "${2:-}" in
        stack) profilers+=(-prof "stack:lines=3;top=15;detailLine=true") ;;
        jfr) mkdir -p benchmarks/target/jfr; profilers+=(-prof "jfr:dir=benchmarks/target/jfr") ;;
        *) echo "jmh.sh: --profile takes stack or jfr" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) regex+=("$1"); shift ;;
  esac
done

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f benchmarks/target/benchmarks.jar ]]; then
  mvn -B -q -Dstyle.color=never -pl benchmarks -am package -DskipTests
fi

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -srm), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "# java -jar benchmarks/target/benchmarks.jar -bm avgt -tu ns -f 1 ${iterations[*]} ${profilers[*]} ${regex[*]:-} ${extra[*]:-}"
java -jar benchmarks/target/benchmarks.jar -bm avgt -tu ns -f 1 "${iterations[@]}" "${profilers[@]}" -foe true \
  -rf json -rff benchmarks/target/jmh-result.json ${regex[@]+"${regex[@]}"} ${extra[@]+"${extra[@]}"} \
  | tee benchmarks/target/jmh-output.txt
echo
java -cp benchmarks/target/benchmarks.jar dev.tokengen.awsanthropic.benchmarks.ResultTable \
  benchmarks/target/jmh-result.json
