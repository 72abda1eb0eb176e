#!/usr/bin/env bash
# scripts/metrics.sh: the structure figures of issue 12 (docs/structure-metrics.md), printed.
#   - the longest C functions of cgi-bin/ (universal-ctags gives each one's first and last line)
#   - the C files over 500 lines
#   - the files holding SQL text, and the statements (SQL_ constants or stmts[] entries)
#   - the lines that read a result column by position (db_str/db_int/db_isnull(res, row, N))
#   - the `duplicates` report on cgi-bin/ when that tool is on the machine
# Usage: bash scripts/metrics.sh [N longest functions, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-15}

echo "## Longest functions (lines, file:line, name)"
ctags --c-kinds=f --fields=+ne -o - cgi-bin/*.c 2>/dev/null |
	awk -F'\t' '{
		line = ""; end = "";
		for (i = 4; i <= NF; i++) {
			if ($i ~ /^line:/) line = substr($i, 6);
			if ($i ~ /^end:/) end = substr($i, 5);
		}
		if (line != "" && end != "") printf "%d %s:%s %s\n", end - line + 1, $2, line, $1;
	}' | sort -rn | sed -n "1,${n}p"
echo
echo "functions over 60 lines: $(ctags --c-kinds=f --fields=+ne -o - cgi-bin/*.c 2>/dev/null |
	awk -F'\t' '{ l = ""; e = ""; for (i = 4; i <= NF; i++) { if ($i ~ /^line:/) l = substr($i, 6);
	if ($i ~ /^end:/) e = substr($i, 5) } if (l != "" && e != "" && e - l + 1 > 60) c++ }
	END { print c + 0 }')"
echo
echo "## C files over 500 lines"
wc -l cgi-bin/*.c cgi-bin/*.cc | grep -v ' total$' | awk '$1 > 500' | sort -rn
echo
echo "## SQL"
# A file holds SQL when it has a string that starts a statement.
sqlre='"(SELECT|INSERT|UPDATE|DELETE|REPLACE) '
echo "files holding SQL text: $(grep -lE "$sqlre" cgi-bin/*.c cgi-bin/*.h | wc -l)"
grep -lE "$sqlre" cgi-bin/*.c cgi-bin/*.h | tr '\n' ' '
echo
echo "SQL_ constants: $(grep -hE 'SQL_[A-Z0-9_]+\[\] *=' cgi-bin/*.c | wc -l)"
# The table's entries: STMT(STMT_NAME, "text") in cgi-bin/stmt_*.h (stmt.h), or the older
# designated initializers [STMT_NAME] = "text" of a single db_stmts.c.
echo "stmts[] entries: $(cat cgi-bin/*.c cgi-bin/*.h | grep -cE '^\s*(\[STMT_[A-Z0-9_]+\] *=|STMT\(STMT_[A-Z0-9_]+,)')"
# The text of every statement (adjacent literals joined), to count the ones written twice.
python3 - <<'PY'
import glob, re, collections
texts = collections.Counter()
for f in sorted(glob.glob("cgi-bin/*.c") + glob.glob("cgi-bin/*.h")):
    src = open(f).read()
    for m in re.finditer(r'(?:(?:SQL_[A-Z0-9_]+\[\]|\[STMT_[A-Z0-9_]+\])\s*=|STMT\(STMT_[A-Z0-9_]+,)\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', src):
        texts[" ".join("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))).split())] += 1
print("statements: %d, distinct texts: %d, texts written more than once: %d" % (
    sum(texts.values()), len(texts), sum(1 for t in texts.values() if t > 1)))
for t, c in texts.most_common():
    if c > 1:
        print("  %dx %s" % (c, t[:100]))
PY
echo "files including db.h: $(grep -l '#include "db.h"' cgi-bin/*.c | wc -l)"
grep -l '#include "db.h"' cgi-bin/*.c | tr '\n' ' '
echo
echo "lines reading a column by position: $(grep -hE 'db_(str|int|isnull)\([^,]+,[^,]+, *[0-9]+\)' cgi-bin/*.c | wc -l)"
echo
if command -v duplicates >/dev/null; then
	echo "## duplicates --repo cgi-bin --most 40"
	duplicates --repo cgi-bin --most 40 --seconds 60
fi
