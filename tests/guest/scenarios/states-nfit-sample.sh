# SPDX-License-Identifier: GPL-2.0-only
# A sample of the state-model differential suite on nfit_test's 4-DIMM interleaved region
# (tests/states/sample-nfit.txt names the cases, nfit.sh the region): ndkit and upstream
# each run each command from the same state built by upstream, labels on all four DIMMs
# compared; an undocumented difference fails. The whole sweep: `--suite states states-nfit`.
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/../../states/states.host"'
TIMEOUT=1800

D=/ndkit/data
. $D/nfit.sh
python3 $D/states.py run --only $D/sample-nfit.txt --results states.jsonl ||
	fail "state-model sample cases differ on nfit_test (see above)"
