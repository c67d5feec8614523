// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdlib.h>
#include "../private.h"

struct ndctl_topology {
	int unused;
};

void ndctl_topology_free(struct ndctl_topology *topo)
{
	free(topo);
}
