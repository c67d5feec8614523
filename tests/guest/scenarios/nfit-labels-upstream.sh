# SPDX-License-Identifier: GPL-2.0-only
# The label commands on nfit_test's DIMMs (128 KiB label areas; both test buses, one with
# DIMMs flagged failed) behave as upstream's: read-labels of a bus or all (-j, binary, -o),
# init-labels -V 1.1/1.2, check-labels, zero-labels, write-labels, from the test pattern,
# empty, interleaved and mixed label areas, regions disabled or enabled; same exit status,
# stdout, summary lines and label areas left (nfit-labels.py). This is the guest suite's
# sample; every case: `meson test -C build --suite states nfit-labels-full`.
NFIT_TEST=1
DATA="nfit-labels.py"
TIMEOUT=1200

python3 /ndkit/data/nfit-labels.py --sample || fail "label commands differ from upstream on nfit_test (see above)"
