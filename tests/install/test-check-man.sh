#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check-man.sh must catch what it is there to catch: run it on a fake tool
# whose help and pages disagree in each way, and on one where they agree.
# usage: test-check-man.sh CHECK-MAN.SH
set -u
checker=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docs/man"
fails=0; checks=0

cat > "$tmp/fake" <<'TOOL'
#!/bin/sh
case "$1 $2" in
"--list-cmds ") printf 'version\nfoo\n' ;;
"foo --help") echo "usage: fake foo [-a|--alpha] [-b|--beta=N] [-r ID]" ;;
*) exit 1 ;;
esac
TOOL
chmod +x "$tmp/fake"
printf "man_pages = ['fake.1', 'fake-foo.1', 'fake-bar.1']\n" > "$tmp/docs/meson.build"
printf 'FAKE(1)\n\n*version*\n\tx\n\n*foo*\n\tx\n' > "$tmp/docs/man/fake.1.scd"
page() { printf 'FAKE-FOO(1)\n\n# OPTIONS\n\n' > "$tmp/docs/man/fake-foo.1.scd"
	for o in "$@"; do printf '*%s*\n\tx\n\n' "$o" >> "$tmp/docs/man/fake-foo.1.scd"; done; }
expect() {	# expect EXIT PATTERN: run the checker on the fake tool
	checks=$((checks + 1))
	out=$("$checker" "$tmp/docs/man" "$tmp/fake" 2>&1); got=$?
	if [ "$got" -ne "$1" ] || ! printf '%s' "$out" | grep -q -- "$2"; then
		echo "FAIL: want exit $1 and '$2', got $got: $out"; fails=$((fails + 1))
	fi
}

page '-a, --alpha' '-b, --beta=N' '-r, --region=ID'
printf 'FAKE-BAR(1)\n' > "$tmp/docs/man/fake-bar.1.scd"
expect 0 "SKIP: .*fake-bar.1.scd"
page '-a, --alpha'
expect 1 "prints --beta, .* does not document it"
page '-a, --alpha' '-b, --beta=N' '-g, --gamma'
expect 1 "documents --gamma, 'fake foo --help' does not print it"
page '-a, --alpha' '-b, --beta=N' '--gamma'
expect 1 "documents --gamma, 'fake foo --help' does not print it"
rm "$tmp/docs/man/fake-foo.1.scd"
expect 1 "'fake foo' has no man page"
page '-a, --alpha' '-b, --beta=N'
printf 'FAKE(1)\n\n*version*\n' > "$tmp/docs/man/fake.1.scd"
expect 1 "does not list the command 'foo'"
printf 'X\n' > "$tmp/docs/man/fake-baz.1.scd"
expect 1 "fake-baz.1.scd is not in docs/meson.build"
echo "test-check-man: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
