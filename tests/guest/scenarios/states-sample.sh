# SPDX-License-Identifier: GPL-2.0-only
# A sample of the state-model differential suite (tests/states/sample.txt names the cases,
# one family of each kind): ndkit and upstream each run each command from the same state
# built by upstream; an undocumented difference fails. The full sweep: `--suite states`.
DIMMS="1G:2M:2M"
HOST_SETUP='bash "$SCENARIO_DIR/../../states/states.host"'
TIMEOUT=1800

D=/ndkit/data
python3 $D/states.py run --only $D/sample.txt --results states.jsonl ||
	fail "state-model sample cases differ (see above)"
