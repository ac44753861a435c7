#!/usr/bin/env bash
# Runs the translator benchmarks in Release. Extra arguments go to BenchmarkDotNet (e.g. --job short).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/Portico.Benchmarks -- --filter '*Translat*' "$@"
