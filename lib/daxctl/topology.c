// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdlib.h>
#include "private.h"

struct daxctl_topology {
	int unused;
};

void daxctl_topology_free(struct daxctl_topology *topo)
{
	free(topo);
}
