# SPDX-License-Identifier: GPL-2.0-only
# Every case of the guest suite's nfit-labels-upstream (tests/guest/scenarios/nfit-labels.py):
# the label commands on nfit_test's DIMMs, ndkit against upstream, from each start state.
NFIT_TEST=1
DATA="../guest/scenarios/nfit-labels.py"
TIMEOUT=7200

python3 /ndkit/data/nfit-labels.py || fail "label commands differ from upstream on nfit_test (see above)"
