#!/usr/bin/env bash
# Compares every language catalogue with the English one (I18N-1).
#
#   bash scripts/i18n-check.sh [templates/i18n]
#
# For each folder templates/i18n/<lang>/ other than en, and each en/<file>.txt:
#   - warning: a key of en/<file>.txt that <lang>/<file>.txt lacks (the page shows the English
#     text for it), or that sits in another file or in another order than in English;
#   - error:   a key that en does not have at all, a key defined twice in one language, a line
#     that is not "key = text", text that is not UTF-8, or a <lang> file without an en file.
# The program refuses to start on the same errors (cgi-bin/i18n.c), so fix them before a commit.
# Exit status: 1 when there is an error, 0 otherwise (warnings alone do not fail).
set -euo pipefail
export LC_ALL=C

dir=${1:-"$(cd "$(dirname "$0")/.." && pwd)/templates/i18n"}
en="$dir/en"
[ -d "$en" ] || { echo "i18n-check: $en: no English catalogue" >&2; exit 1; }

errors=0
warnings=0
err() { echo "ERROR: $*"; errors=$((errors + 1)); }
warn() { echo "warning: $*"; warnings=$((warnings + 1)); }

# keys FILE: prints "lineno<TAB>key" for every entry, the way cgi-bin/i18n.c reads the file
# (lines are trimmed; empty lines and lines starting with # are skipped; the key is what comes
# before the first '='). Malformed lines are printed as "lineno<TAB>" with an empty key.
keys() {
	awk '{
		sub(/^[ \t\r\n]+/, ""); sub(/[ \t\r\n]+$/, "")
		if ($0 == "" || substr($0, 1, 1) == "#") next
		i = index($0, "=")
		if (i == 0) { printf "%d\t\n", NR; next }
		k = substr($0, 1, i - 1); sub(/[ \t\r\n]+$/, "", k)
		printf "%d\t%s\n", NR, k
	}' "$1"
}

# check_file FILE: malformed lines, invalid UTF-8, very long lines (the loader reads 4 KiB).
check_file() {
	local f=$1 bad
	if ! iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
		err "$f: not valid UTF-8"
	fi
	while IFS=$'\t' read -r n k; do
		[ -n "$k" ] || err "$f:$n: expected key = text"
	done < <(keys "$f")
	bad=$(awk 'length($0) > 4000 { print NR }' "$f" | head -n 1)
	[ -z "$bad" ] || err "$f:$bad: line too long (the program reads at most 4 KiB per line)"
	return 0
}

# dups LANGDIR: keys defined more than once among all the files of one language.
dups() {
	local d=$1 f
	for f in "$d"/*.txt; do
		[ -e "$f" ] || continue
		keys "$f" | awk -F'\t' -v f="$(basename "$f")" '$2 != "" { print $2 "\t" f }'
	done | sort | awk -F'\t' '
		$1 == prev { files = files ", " $2; n++; next }
		{ if (n > 1) print prev "\t" files; prev = $1; files = $2; n = 1 }
		END { if (n > 1) print prev "\t" files }'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The English keys: all of them, and which file each lives in.
: > "$tmp/en.all"
for f in "$en"/*.txt; do
	[ -e "$f" ] || continue
	check_file "$f"
	keys "$f" | awk -F'\t' -v f="$(basename "$f")" '$2 != "" { print $2 "\t" f }' >> "$tmp/en.all"
done
sort -u -o "$tmp/en.all" "$tmp/en.all"
cut -f1 "$tmp/en.all" | sort -u > "$tmp/en.keys"
while IFS=$'\t' read -r k files; do
	err "en: key \"$k\" defined more than once ($files)"
done < <(dups "$en")

nlang=0
for d in "$dir"/*/; do
	d=${d%/}
	lang=$(basename "$d")
	[ "$lang" != en ] || continue
	nlang=$((nlang + 1))
	lang_missing=0
	lang_extra=0

	while IFS=$'\t' read -r k files; do
		err "$lang: key \"$k\" defined more than once ($files)"
	done < <(dups "$d")

	for f in "$d"/*.txt; do
		[ -e "$f" ] || continue
		check_file "$f"
		[ -e "$en/$(basename "$f")" ] || err "$lang/$(basename "$f"): there is no en/$(basename "$f")"
	done

	# Keys of this language, with their file.
	: > "$tmp/l.all"
	for f in "$d"/*.txt; do
		[ -e "$f" ] || continue
		keys "$f" | awk -F'\t' -v f="$(basename "$f")" '$2 != "" { print $2 "\t" f }' >> "$tmp/l.all"
	done
	sort -u -o "$tmp/l.all" "$tmp/l.all"

	# Keys that English lacks: the program would load them but no page can use them.
	while IFS=$'\t' read -r k file; do
		err "$lang/$file: key \"$k\" is not in en"
		lang_extra=$((lang_extra + 1))
	done < <(join -t $'\t' -v 1 "$tmp/l.all" "$tmp/en.keys")

	# Per English file: missing keys, keys in another file, order.
	for ef in "$en"/*.txt; do
		[ -e "$ef" ] || continue
		base=$(basename "$ef")
		lf="$d/$base"
		keys "$ef" | awk -F'\t' '$2 != "" { print $2 }' > "$tmp/e.order"
		if [ -e "$lf" ]; then
			keys "$lf" | awk -F'\t' '$2 != "" { print $2 }' > "$tmp/l.order"
		else
			: > "$tmp/l.order"
		fi
		sort -u "$tmp/e.order" > "$tmp/e.set"
		sort -u "$tmp/l.order" > "$tmp/l.set"
		missing=$(comm -23 "$tmp/e.set" "$tmp/l.set")
		if [ -n "$missing" ]; then
			for k in $missing; do
				other=$(awk -F'\t' -v k="$k" '$1 == k { print $2 }' "$tmp/l.all" | head -n 1)
				if [ -n "$other" ]; then
					warn "$lang/$base: key \"$k\" is in $lang/$other, not in $lang/$base like in en"
				else
					warn "$lang/$base: missing \"$k\" (falls back to English)"
					lang_missing=$((lang_missing + 1))
				fi
			done
		fi
		# Same order as English (only among the keys both files have).
		if ! diff -q <(grep -Fxf "$tmp/l.set" "$tmp/e.order") \
		    <(grep -Fxf "$tmp/e.set" "$tmp/l.order") >/dev/null; then
			warn "$lang/$base: keys are not in the order of en/$base"
		fi
	done
	echo "$lang: $(cut -f1 "$tmp/l.all" | sort -u | wc -l) keys, $lang_missing missing, $lang_extra not in en"
done

echo "en: $(wc -l < "$tmp/en.keys") keys; $nlang other language(s); $errors error(s), $warnings warning(s)"
[ "$errors" -eq 0 ] || exit 1
exit 0
