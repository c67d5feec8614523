# SPDX-License-Identifier: GPL-2.0-only
# Guest half of the oracle scenarios, sourced with $default_cases and $default_seed set:
# ORACLE_CASES / ORACLE_SEED / ORACLE_GROUPS (host env, passed as files by oracle.host) win.
D=/ndkit/data
cases=$(cat $D/cases); seed=$(cat $D/seed); groups=$(cat $D/groups)
python3 $D/oracle.py run --cases "${cases:-$default_cases}" --seed "${seed:-$default_seed}" \
	${groups:+--groups "$groups"} --results oracle.jsonl ||
	fail "the kernel and ndkit disagree on label areas (see above, and oracle.jsonl)"
