# SPDX-License-Identifier: GPL-2.0-only
# Guest half of the oracle scenarios, sourced with $default_cases and $default_seed set:
# ORACLE_CASES / ORACLE_SEED / ORACLE_GROUPS / ORACLE_FIRST (host env, passed as files by
# oracle.host) win; ORACLE_FIRST continues a long run where an earlier one stopped.
D=/ndkit/data
cases=$(cat $D/cases); seed=$(cat $D/seed); groups=$(cat $D/groups); first=$(cat $D/first 2>/dev/null)
python3 $D/oracle.py run --cases "${cases:-$default_cases}" --seed "${seed:-$default_seed}" \
	${groups:+--groups "$groups"} ${first:+--first "$first"} --results oracle.jsonl ||
	fail "the kernel and ndkit disagree on label areas (see above, and oracle.jsonl)"
