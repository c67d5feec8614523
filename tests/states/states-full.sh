# SPDX-License-Identifier: GPL-2.0-only
# The state-model differential suite, every generated case (tests/states/states.py): ndkit
# and upstream each run each command from the same state; an undocumented difference fails.
# Results, one JSON line a case: states.jsonl in the run folder.
DIMMS="1G:2M:2M"
HOST_SETUP='bash "$SCENARIO_DIR/states.host"'
TIMEOUT=14400

D=/ndkit/data
python3 $D/states.py run --results states.jsonl || fail "state-model cases differ (see above)"
