# SPDX-License-Identifier: GPL-2.0-only
# The state-model differential suite on nfit_test's 4-DIMM interleaved region (nfit.sh):
# every generated case that fits in 64 MiB, ndkit and upstream each from the same state;
# labels are reset and read back on all four DIMMs. Results: states.jsonl in the run folder.
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/states.host"'
TIMEOUT=14400

D=/ndkit/data
. $D/nfit.sh
python3 $D/states.py run --results states.jsonl || fail "state-model cases differ on nfit_test (see above)"
