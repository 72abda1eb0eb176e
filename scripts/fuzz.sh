#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] | replay [NAME...]: the fuzz harnesses of tests/fuzz/ (fuzz_NAME.c).
#   SECONDS  (60 by default; `make fuzz` passes FUZZ_SECONDS) builds each harness with clang
#            -fsanitize=fuzzer,address,undefined into build-fuzz/NAME and runs it for SECONDS on
#            a working corpus build-fuzz/corpus/NAME (the inputs it finds stay there) plus the
#            seeds of tests/fuzz/corpus/NAME (never changed, except:) a crash, leak, timeout or
#            sanitizer report is copied into tests/fuzz/corpus/NAME/ as crash-* (leak-*,
#            timeout-*), so that once the bug is fixed the input stays as a regression test.
#            Prints one line per harness (executions, coverage, result); exits 1 on a finding.
#            FUZZ_ONLY="csv multipart" limits the run to those harnesses.
#   replay   builds each harness (or the NAMEs given) with $CC (cc) -fsanitize=address,undefined
#            and tests/fuzz/replay.c in place of libFuzzer into build-fuzz/replay/NAME, and feeds
#            it every file of tests/fuzz/corpus/NAME once: the corpora as regression tests, no
#            clang needed. Ends with `replay: N passed, M failed` (one per harness); exits 1 if
#            any failed. Logs in build-fuzz/replay/NAME.log.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$ROOT"

# The cgi-bin sources each harness links with.
declare -A SOURCES=(
	[urlencoded]="util http"
	[cookies]="util http"
	[multipart]="util http"
	[validate]="util http i18n validate"
	[csv]="util csv"
	[json]="util json"
)
OUT=build-fuzz
FLAGS=(-std=c11 -D_GNU_SOURCE -Icgi-bin -g -O1 -fno-omit-frame-pointer
	-Wall -Wextra -Werror -Wshadow -Wno-unused-parameter)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# harnesses [NAME...]: the names asked for, else every tests/fuzz/fuzz_NAME.c that has sources.
harnesses() {
	local f n
	if (($#)); then
		printf '%s\n' "$@"
		return
	fi
	for f in tests/fuzz/fuzz_*.c; do
		n=${f#tests/fuzz/fuzz_}
		n=${n%.c}
		[[ -n ${SOURCES[$n]:-} ]] || die "$f: add its cgi-bin sources to SOURCES in $0"
		[[ -z ${FUZZ_ONLY:-} || " $FUZZ_ONLY " == *" $n "* ]] && echo "$n"
	done
}

# sources NAME: the C files of harness NAME.
sources() {
	local s
	echo "tests/fuzz/fuzz_$1.c"
	for s in ${SOURCES[$1]}; do echo "cgi-bin/$s.c"; done
}

replay() {
	local name passed=0 failed=0 cc=${CC:-cc} log
	mkdir -p "$OUT/replay"
	for name in $(harnesses "$@"); do
		log=$OUT/replay/$name.log
		mapfile -t srcs < <(sources "$name")
		if ! "$cc" "${FLAGS[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all \
			-o "$OUT/replay/$name" "${srcs[@]}" tests/fuzz/replay.c >"$log" 2>&1; then
			echo "fuzz $name: does not build"
			sed 's/^/  /' "$log"
			failed=$((failed + 1))
			continue
		fi
		if "$OUT/replay/$name" "tests/fuzz/corpus/$name" >>"$log" 2>&1; then
			echo "fuzz $name: ok ($(tail -n 1 "$log" | sed 's/.*: //'))"
			passed=$((passed + 1))
		else
			echo "fuzz $name: FAILED (build-fuzz/replay/$name.log)"
			tail -n 30 "$log" | sed 's/^/  /'
			failed=$((failed + 1))
		fi
	done
	echo "replay: $passed passed, $failed failed"
	((failed == 0))
}

fuzz() {
	local secs=$1 name bin work art log dict rc found=0
	command -v clang >/dev/null || die "clang is needed (apt-get install clang libclang-rt-dev)"
	mkdir -p "$OUT"
	for name in $(harnesses); do
		bin=$OUT/$name
		work=$OUT/corpus/$name
		art=$OUT/crashes/$name
		log=$OUT/$name.log
		mkdir -p "$work" "$art"
		rm -f "$art"/*
		mapfile -t srcs < <(sources "$name")
		clang "${FLAGS[@]}" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
			-o "$bin" "${srcs[@]}" || die "fuzz_$name does not build"
		dict=()
		[[ -f tests/fuzz/$name.dict ]] && dict=(-dict="tests/fuzz/$name.dict")
		[[ $name == cookies && -f tests/fuzz/urlencoded.dict ]] &&
			dict=(-dict=tests/fuzz/urlencoded.dict)
		rc=0
		"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
			-print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" \
			"$work" "tests/fuzz/corpus/$name" >"$log" 2>&1 || rc=$?
		local runs cov
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
		if ((rc == 0)); then
			echo "fuzz $name: ${secs}s, ${runs:-?} runs, ${cov:-cov: ?}, $(find "$work" -type f | wc -l) inputs, no finding"
		else
			found=1
			echo "fuzz $name: FINDING after ${runs:-?} runs (exit $rc), log $log"
			grep -m 3 -E 'ERROR|runtime error|SUMMARY|deadly signal' "$log" | sed 's/^/  /' || true
			local f
			for f in "$art"/*; do
				[[ -f $f ]] || continue
				cp "$f" "tests/fuzz/corpus/$name/"
				echo "  kept as tests/fuzz/corpus/$name/${f##*/} (replay it: $bin $f)"
			done
		fi
	done
	return "$found"
}

case ${1:-60} in
replay)
	shift
	replay "$@"
	;;
*[!0-9]* | '') die "usage: $0 [SECONDS] | replay [NAME...]" ;;
*) fuzz "${1:-60}" ;;
esac
