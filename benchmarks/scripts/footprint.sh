#!/usr/bin/env bash
# Footprint: how many jars, and how many bytes, a user's application gains at run time by depending on
#   - this library (module token-generator, runtime scope, the library jar included), against
#   - the official Java generator software.amazon.awsexternalanthropic:token-generator-for-aws-external-anthropic,
#     resolved from a throwaway POM that depends on it alone (so it brings the SDK version its own POM asks for), and
#     again with the AWS SDK BOM of this build imported (the same SDK version as ours).
#
#   benchmarks/scripts/footprint.sh            # the table
#   benchmarks/scripts/footprint.sh --list     # the table, then every jar of each closure with its size
#
# Extra Maven arguments (such as -o) can be passed in MVN_ARGS. Jars are copied by maven-dependency-plugin
# (copy-dependencies, includeScope=runtime) into benchmarks/target/footprint/<name>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/benchmarks/target/footprint
mvn_args=(${MVN_ARGS:-})
list=false
[[ "${1:-}" == --list ]] && list=true

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
official_version=$(prop official.generator.version)
sdk_version=$(prop aws.sdk.version)
dependency_plugin=3.8.1 # as pinned in the parent pom's pluginManagement
grep -q "<version>$dependency_plugin</version>" pom.xml || { echo "footprint.sh: update dependency_plugin" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"

# This library: its module's runtime closure, plus its own jar.
mvn -B -q -Dstyle.color=never "${mvn_args[@]}" -pl token-generator -am package -DskipTests
mvn -B -q -Dstyle.color=never "${mvn_args[@]}" -pl token-generator dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$out/ours"
cp token-generator/target/token-generator-for-aws-external-anthropic-*-SNAPSHOT.jar "$out/ours/" 2>/dev/null \
  || cp token-generator/target/token-generator-for-aws-external-anthropic-*.jar "$out/ours/"
rm -f "$out"/ours/*-sources.jar "$out"/ours/*-javadoc.jar

# The official generator, from a throwaway POM that depends on nothing else.
official_pom() { # $1 = extra dependencyManagement block
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>footprint</groupId><artifactId>official</artifactId><version>0</version><packaging>pom</packaging>
  $1
  <dependencies>
    <dependency>
      <groupId>software.amazon.awsexternalanthropic</groupId>
      <artifactId>token-generator-for-aws-external-anthropic</artifactId>
      <version>$official_version</version>
    </dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>
    <version>$dependency_plugin</version>
  </plugin></plugins></build>
</project>
POM
}
bom="<dependencyManagement><dependencies><dependency><groupId>software.amazon.awssdk</groupId><artifactId>bom</artifactId>
  <version>$sdk_version</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>"
for variant in official official-sdk-$sdk_version; do
  mkdir -p "$out/$variant-pom"
  if [[ $variant == official ]]; then official_pom "" >"$out/$variant-pom/pom.xml"; else official_pom "$bom" >"$out/$variant-pom/pom.xml"; fi
  mvn -B -q -Dstyle.color=never "${mvn_args[@]}" -f "$out/$variant-pom/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$out/$variant"
done

row() { # $1 = label, $2 = dir
  local jars bytes
  jars=$(find "$2" -name '*.jar' | wc -l)
  bytes=$(find "$2" -name '*.jar' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  printf '| %-62s | %4d | %9.2f MiB | %9d |\n' "$1" "$jars" "$(awk "BEGIN {print $bytes/1048576}")" "$bytes"
}
echo "Runtime dependency closure (jars as Maven resolves them, runtime scope, the artifact itself included)"
echo
printf '| %-62s | %4s | %13s | %9s |\n' "Artifact" "Jars" "Size" "Bytes"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..64})" "------" "---------------" "-----------"
row "dev.tokengen token-generator (this library, SDK $sdk_version)" "$out/ours"
row "official $official_version (SDK as its POM asks)" "$out/official"
row "official $official_version with the SDK BOM $sdk_version" "$out/official-sdk-$sdk_version"

if $list; then
  for d in ours official official-sdk-$sdk_version; do
    echo; echo "## $d"
    find "$out/$d" -name '*.jar' -printf '%10s  %f\n' | sort -k2
  done
fi
