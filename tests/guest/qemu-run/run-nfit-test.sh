#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --nfit-test: the kernel's nfit_test buses, without and with QEMU DIMMs. The first use on a
# host builds the test modules (about 40 s; later runs take them from NDKIT_GUEST_CACHE).
# Without the kernel's source and headers packages (tests/guest/setup.sh installs them) it fails.
. "$(dirname "$0")/../../unit/qemu/lib.sh" "$1"

# Boot 1: nfit_test alone, as the user guide shows it.
"$Q" run --nfit-test -- ndctl list -b nfit_test.0 -RD > list.json 2> err.txt
expect_eq "exit status" "$?" 0
grep 'nfit_test: \|COMMAND started' err.txt	# the build's or cache's times, for the log
checks=$((checks + 1))
grep -qE 'nfit_test: (modules built and cached in|modules for .* from )' err.txt ||
	fail "no progress line for the nfit_test modules: $(cat err.txt)"
expect_eq "nfit_test.0's DIMMs" "$(jq -r '[.dimms[].dev] | sort | join(" ")' list.json)" \
	"nmem0 nmem1 nmem2 nmem3"
expect_eq "its 4-DIMM interleaved region" "$(jq -r '.regions[] | select(.mappings | length == 4)
	| "\(.type) \(.size) \([.mappings[].dimm] | sort | join(","))"' list.json)" \
	"pmem 67108864 nmem0,nmem1,nmem2,nmem3"
expect_eq "its 2-DIMM interleaved region" "$(jq -r '.regions[] | select(.mappings | length == 2)
	| "\(.type) \(.size) \([.mappings[].dimm] | sort | join(","))"' list.json)" \
	"pmem 33554432 nmem0,nmem1"

# Boot 2: beside a QEMU DIMM; the modules loaded are the test builds (out of tree: taint O),
# and upstream ndctl sees the same test regions.
cat > guest.sh <<'GUEST'
#!/bin/bash
set -euo pipefail
ndctl list -B | jq -r '[.[].provider] | sort | join(" ")' > buses.txt
ndctl list -b ACPI.NFIT -D | jq -r '[.[].dev] | join(" ")' > acpi-dimms.txt
for m in nfit_test nfit_test_iomap libnvdimm nfit nd_pmem nd_btt device_dax dax_pmem; do
	echo "$m:$(cat "/sys/module/$m/taint")"
done > taint.txt
regions() { "$1" list -b nfit_test.0 -R | jq -r '[.[] | "\(.dev) \(.size)"] | sort | join(", ")'; }
echo "$(regions ndctl) | $(regions upstream-ndctl)" > regions.txt
echo "$NDKIT_DIMMS" > dimms.txt
GUEST
chmod +x guest.sh
"$Q" run --nvdimm 1G --nfit-test -- ./guest.sh > out.txt 2> err.txt
expect_eq "with --nvdimm: exit status" "$?" 0
expect_eq "buses" "$(cat buses.txt)" "ACPI.NFIT nfit_test.0 nfit_test.1"
expect_eq "QEMU's DIMM on ACPI.NFIT" "$(cat acpi-dimms.txt)" "nmem0"
expect_eq "NDKIT_DIMMS counts QEMU's DIMMs" "$(cat dimms.txt)" 1
expect_eq "the test builds are the modules loaded" "$(grep -c ':.*O' taint.txt)" 8
expect_eq "ndkit and upstream list the same test regions" "$(sed 's/ | .*//' regions.txt)" \
	"$(sed 's/.* | //' regions.txt)"
finish run-nfit-test
