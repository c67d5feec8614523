// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream v81's prototypes (ndctl/libndctl.h, daxctl/libdaxctl.h), declared
 * again after ndkit's headers: C refuses a redeclaration whose return or
 * parameter types differ ("conflicting types"), so a prototype that drifts
 * from upstream's fails this file's build. Running it only says so.
 */
#include <stdbool.h>
#include <stdio.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>

int ndctl_namespace_is_enabled(struct ndctl_namespace *ndns);
bool ndctl_namespace_is_active(struct ndctl_namespace *ndns);
int ndctl_dimm_is_active(struct ndctl_dimm *dimm);
int ndctl_region_get_numa_node(struct ndctl_region *region);
int ndctl_region_has_numa(struct ndctl_region *region);
int ndctl_region_get_target_node(struct ndctl_region *region);
int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns);
int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns);
enum ndctl_namespace_mode ndctl_namespace_get_mode(struct ndctl_namespace *ndns);
unsigned long ndctl_region_get_align(struct ndctl_region *region);

#if NUMA_NO_NODE != -1 || NUMA_NO_ATTR != -2
#error "NUMA_NO_NODE and NUMA_NO_ATTR are upstream's -1 and -2"
#endif

int main(void)
{
	printf("test-upstream-protos: upstream's prototypes redeclared without conflict\n");
	return 0;
}
