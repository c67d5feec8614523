# SPDX-License-Identifier: GPL-2.0-only
# The kernel as the label engine's oracle, the long run (tests/oracle/oracle.py says how the
# cases are generated and compared): 1200 generated label areas over two QEMU vNVDIMMs (128K
# and 200K label areas, one-DIMM sets) and nfit_test.0's four DIMMs (a 2-way and a 4-way
# interleaved region), each written, enabled and read by the kernel and by ndkit. An
# undocumented disagreement fails. One JSON line a case: oracle.jsonl in the run folder.
# ORACLE_CASES, ORACLE_SEED, ORACLE_GROUPS (env) narrow or change the run.
DIMMS="1G:128K:2M 1G:200K:128M"
NFIT_TEST=1
HOST_SETUP='bash "$SCENARIO_DIR/oracle.host"'
TIMEOUT=14400

default_cases=1200 default_seed=2024
. /ndkit/data/oracle-guest.sh
