#!/usr/bin/env bash
# Start-up of bin/aws-external-anthropic-token versus the Python equivalent (boto3 session + SigV4 presign), measured
# side by side: hyperfine alternates nothing itself, so both commands run in one hyperfine invocation (same machine
# state), then /usr/bin/time -v gives each one's peak RSS. Example credentials in the environment; no network.
#
# Usage: benchmarks/scripts/cli-startup.sh [RUNS]   (default 20)
# Needs: hyperfine, GNU time (/usr/bin/time), python3 with boto3, a JDK and Maven (the launcher builds the jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-20}"

for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cli-startup.sh: $tool is missing (apt-get install -y hyperfine time)." >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Only example credentials: nothing of the caller's AWS setup is read.
for name in $(env | sed -n 's/^\(AWS_[A-Z_]*\)=.*/\1/p'); do unset "$name"; done
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE="$tmp/config" AWS_SHARED_CREDENTIALS_FILE="$tmp/credentials"

java_cmd="bin/aws-external-anthropic-token --region us-east-1"
python_cmd="python3 benchmarks/scripts/python_token.py us-east-1"

# First run builds the jar (if missing) and the CDS archive; not measured.
$java_cmd >/dev/null
$python_cmd >/dev/null

hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/h.json" -n java "$java_cmd" -n python "$python_cmd" >&2

peak() { # max RSS in KiB over 5 runs
  local max=0 kb
  for _ in 1 2 3 4 5; do
    kb="$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | sed -n 's/.*Maximum resident set size (kbytes): //p')"
    [ "$kb" -gt "$max" ] && max="$kb"
  done
  echo "$max"
}
java_rss="$(peak $java_cmd)"
python_rss="$(peak $python_cmd)"

python3 - "$tmp/h.json" "$java_rss" "$python_rss" "$runs" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
java, python = results["java"]["median"], results["python"]["median"]
print(f"runs each:              {sys.argv[4]}")
print(f"launcher median wall:   {java * 1000:.0f} ms")
print(f"python median wall:     {python * 1000:.0f} ms")
print(f"ratio launcher/python:  {java / python:.2f} (target <= 0.25)")
print(f"launcher peak RSS:      {int(sys.argv[2]) / 1024:.1f} MiB (target <= 40 MiB)")
print(f"python peak RSS:        {int(sys.argv[3]) / 1024:.1f} MiB")
PY
