#!/bin/sh
# Release benchmark of Treatment's Policy/ and Uplift/ (they depend only on Statistics), built as a scratch
# package outside the repository, then the NumPy counterparts (same sizes).
# Usage, from the repository root: sh Tests/Fixtures/treatment_policy/benchmark/run.sh
set -e
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
WORK=${TMPDIR:-/tmp}/immunokit-policy-bench
mkdir -p "$WORK/Sources/TreatmentPolicy" "$WORK/Sources/bench"
ln -sfn "$ROOT/Sources/Statistics" "$WORK/Sources/Statistics"
ln -sfn "$ROOT/Sources/Treatment/Policy" "$WORK/Sources/TreatmentPolicy/Policy"
ln -sfn "$ROOT/Sources/Treatment/Uplift" "$WORK/Sources/TreatmentPolicy/Uplift"
cp "$ROOT/Tests/Fixtures/treatment_policy/benchmark/bench_policy.swift" "$WORK/Sources/bench/main.swift"
cat > "$WORK/Package.swift" <<'SWIFT'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "policybench",
    targets: [
        .target(name: "Statistics"),
        .target(name: "TreatmentPolicy", dependencies: ["Statistics"]),
        .executableTarget(name: "bench", dependencies: ["TreatmentPolicy", "Statistics"]),
    ]
)
SWIFT
(cd "$WORK" && swift build -c release -Xswiftc -target-cpu -Xswiftc haswell && ./.build/release/bench)
python3 "$ROOT/Tests/Fixtures/treatment_policy/benchmark/bench_numpy.py"
