# SPDX-License-Identifier: GPL-2.0-only
# Guest half of the oracle scenarios, sourced with the default case count and seed as $1 $2:
# ORACLE_CASES / ORACLE_SEED / ORACLE_GROUPS (host env, passed as files by oracle.host) win.
D=/ndkit/data
cases=$(cat $D/cases); seed=$(cat $D/seed); groups=$(cat $D/groups)
python3 $D/oracle.py run --cases "${cases:-$1}" --seed "${seed:-$2}" \
	${groups:+--groups "$groups"} --results oracle.jsonl ||
	fail "the kernel and ndkit disagree on label areas (see above, and oracle.jsonl)"
