#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndkit's tools kept under /tmp (a build tree there, as a lone clone's CI may have) are the
# ones the guest runs, although the guest mounts a fresh tmpfs over /tmp: run binds their
# tree back. Without that the guest's PATH falls through to the distribution's ndctl.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

B=$(dirname "$Q")/../..
for d in cmd/ndctl cmd/daxctl cmd/ndctl-qemu lib/ndctl lib/daxctl; do mkdir -p "tree/$d"; done
cp "$B/cmd/ndctl/ndctl" tree/cmd/ndctl/
cp "$B/cmd/daxctl/daxctl" tree/cmd/daxctl/
cp "$Q" tree/cmd/ndctl-qemu/
cp -P "$B"/lib/ndctl/libndctl.so.0* tree/lib/ndctl/ 2> /dev/null
cp -P "$B"/lib/daxctl/libdaxctl.so.0* tree/lib/daxctl/ 2> /dev/null
mkdir work && cd work || exit 1
case $PWD in /tmp/*) ;; *) fail "the test folder $PWD is not under /tmp: this proves nothing" ;; esac

cat > guest.sh <<'GUEST'
#!/bin/bash
{ ndctl --version; daxctl --version; readlink -f "$(command -v ndctl)"; } > seen.txt
GUEST
chmod +x guest.sh
"$T/tree/cmd/ndctl-qemu/ndctl-qemu" run --quiet --nvdimm 1G -- ./guest.sh 2> err.txt
expect_eq "exit status" "$?" 0
want="$("$B/cmd/ndctl/ndctl" --version)
$("$B/cmd/daxctl/daxctl" --version)"
expect_eq "ndkit's ndctl and daxctl from the /tmp tree" "$(head -2 seen.txt)" "$want"
expect_eq "ndctl on PATH" "$(sed -n 3p seen.txt)" "$T/tree/cmd/ndctl/ndctl"
[ -s err.txt ] && cat err.txt
finish run-tmp-tree
