#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run-cases.sh fails a case that compares nothing (both tools print nothing in every
# channel it compares and exit 0) and passes cases that compare output or a failing status:
# both "tools" here are /bin/echo, so every case is identical and only emptiness decides.
#   test-empty-check.sh RUN_CASES
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/real" <<'CASES'
prints :: host :: p :: out,err,rc :: - :: $NDCTL hello :: -
status :: host :: p :: out,rc :: - :: $NDCTL hello > /dev/null; exit 3 :: -
stderr :: host :: p :: err :: - :: $NDCTL oops >&2 :: -
CASES
cat "$tmp/real" - > "$tmp/empty" <<'CASES'
silent :: host :: p :: out,err,rc :: - :: $NDCTL hello > /dev/null :: -
wrong-channel :: host :: p :: rc,err :: - :: $NDCTL hello :: -
CASES
fail=0
sh "$1" host "$tmp/real" /bin/echo /bin/echo true > "$tmp/real.log" 2>&1 ||
	{ echo "FAIL: cases that compare output were refused:"; cat "$tmp/real.log"; fail=1; }
if sh "$1" host "$tmp/empty" /bin/echo /bin/echo true > "$tmp/empty.log" 2>&1; then
	echo "FAIL: run-cases.sh passed cases that compare nothing:"; cat "$tmp/empty.log"; fail=1
fi
for id in silent wrong-channel; do
	grep -q "^EMPTY $id " "$tmp/empty.log" ||
		{ echo "FAIL: $id not reported as comparing nothing:"; cat "$tmp/empty.log"; fail=1; }
done
for id in prints status stderr; do
	grep -q "^ok $id " "$tmp/empty.log" ||
		{ echo "FAIL: $id not passed:"; cat "$tmp/empty.log"; fail=1; }
done
[ "$fail" = 0 ] && echo "run-cases.sh refuses cases that compare nothing"
exit $fail
