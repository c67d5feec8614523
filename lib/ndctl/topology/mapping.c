// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* mappingK = "nmemX,dpa,length[,position]" */
static int mapping_parse(struct ndctl_region *region, const char *text)
{
	struct ndctl_mapping *m;
	char dimm[64];
	int position = -1;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	if (sscanf(text, "%63[^,],%llu,%llu,%d", dimm, &m->offset, &m->length,
				&position) < 3) {
		dbg(region->dev.ctx, "%s: bad mapping '%s'\n", region->dev.name, text);
		free(m);
		return 0;
	}
	m->position = position;
	m->region = region;
	m->dimm = topology_find_dimm(region->bus, dimm);
	/* in front: upstream lists a region's mappings last to first (list_add) */
	m->next = region->mappings;
	region->mappings = m;
	return 0;
}

/* The kernel has attributes for mapping0..mapping31 only (region_devs.c) */
#define MAX_MAPPINGS 32

int mappings_load(struct ndctl_region *region)
{
	unsigned int n = ndctl_region_get_mappings(region);
	int rc = 0;

	if (n > MAX_MAPPINGS) {	/* a bogus count would mean billions of failed opens */
		dbg(region->dev.ctx, "%s: %u mappings: reading the kernel's %u at most\n",
			region->dev.name, n, MAX_MAPPINGS);
		n = MAX_MAPPINGS;
	}

	for (unsigned int i = 0; i < n && !rc; i++) {
		char attr[32], buf[SYSFS_ATTR_SIZE];

		snprintf(attr, sizeof(attr), "mapping%u", i);
		if (nd_dev_read(&region->dev, attr, buf) == 0)
			rc = mapping_parse(region, buf);
	}
	return rc;
}

LIB_MEMBER_GETTER(struct ndctl_mapping *, ndctl_mapping_get_first, struct ndctl_region, mappings)
LIB_MEMBER_GETTER(struct ndctl_mapping *, ndctl_mapping_get_next, struct ndctl_mapping, next)
LIB_MEMBER_GETTER(struct ndctl_dimm *, ndctl_mapping_get_dimm, struct ndctl_mapping, dimm)
LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_mapping_get_region, struct ndctl_mapping, region)
LIB_MEMBER_GETTER(unsigned long long, ndctl_mapping_get_offset, struct ndctl_mapping, offset)
LIB_MEMBER_GETTER(unsigned long long, ndctl_mapping_get_length, struct ndctl_mapping, length)
LIB_MEMBER_GETTER(int, ndctl_mapping_get_position, struct ndctl_mapping, position)
