#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# COMMAND's exit status is run's: 1 and 7 come back as they are; --upstream puts the
# distribution's ndctl first in PATH, without it ndkit's is first.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

cat > guest.sh <<'GUEST'
#!/bin/bash
ndctl --version > "version-$1.txt"
upstream-ndctl --version > upstream-version.txt
exit "$2"
GUEST
chmod +x guest.sh
"$Q" run --quiet --nvdimm 1G -- ./guest.sh ndkit 1 2> err1.txt
expect_eq "exit status 1" "$?" 1
"$Q" run --quiet --upstream --nvdimm 1G -- ./guest.sh upstream 7 2> err7.txt
expect_eq "exit status 7" "$?" 7
expect_eq "--upstream's ndctl" "$(cat version-upstream.txt)" "$(cat upstream-version.txt)"
expect_eq "ndkit's ndctl" "$(cat version-ndkit.txt)" "$(cd "$(dirname "$Q")/../ndctl" && ./ndctl --version)"
expect_eq "--quiet" "$(cat err1.txt err7.txt)" ""
finish run-exit-status
