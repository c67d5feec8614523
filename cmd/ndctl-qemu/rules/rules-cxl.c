// SPDX-License-Identifier: GPL-2.0-only
/*
 * check's rules for CXL persistent memory (cxl-type3 with an LSA), from
 * what QEMU 7.2 and Linux 6.1 were seen to do: each condition fails
 * quietly in the guest, not in QEMU. Ids are listed in docs/ndctl-qemu.md.
 */
#include <stdlib.h>
#include <string.h>
#include "rules-cxl.h"

static const char *driver_of(const struct qemu_option *o)
{
	return strcmp(o->flag, "device") ? NULL : qemu_opt_get(o, "driver");
}

static bool is_device(const struct qemu_option *o, const char *driver)
{
	const char *d = driver_of(o);

	return d && !strcmp(d, driver);
}

static bool has_cxl_device(const struct qemu_config *cfg)
{
	for (int i = 0; i < cfg->nopts; i++) {
		const char *d = driver_of(&cfg->opts[i]);

		if (d && (!strcmp(d, "pxb-cxl") || !strcmp(d, "cxl-rp") || !strcmp(d, "cxl-type3")))
			return true;
	}
	return false;
}

static bool has_memory_window(const struct qemu_config *cfg)
{
	const struct qemu_option *m = cfg->machine_opt;

	for (int k = 0; m && k < m->nkv; k++)
		if (!strncmp(m->kv[k].key, "cxl-fmw.", 8))
			return true;
	return false;
}

/* The first CXL device, for the finding's option. */
static const struct qemu_option *first_cxl(const struct qemu_config *cfg)
{
	for (int i = 0; i < cfg->nopts; i++)
		if (driver_of(&cfg->opts[i]) && !strncmp(driver_of(&cfg->opts[i]), "pxb-cxl", 7))
			return &cfg->opts[i];
	for (int i = 0; i < cfg->nopts; i++)
		if (driver_of(&cfg->opts[i]) && strstr(driver_of(&cfg->opts[i]), "cxl"))
			return &cfg->opts[i];
	return NULL;
}

static void rule_cxl_machine(const struct qemu_config *cfg, struct findings *f)
{
	const char *cxl = cfg->machine_opt ? qemu_opt_get(cfg->machine_opt, "cxl") : NULL;
	bool on = cxl && (!strcmp(cxl, "on") || !strcmp(cxl, "true") || !strcmp(cxl, "yes"));

	if (!qemu_machine_is_q35(cfg) || !on)
		finding_add(f, SEV_ERROR, "cxl-machine", first_cxl(cfg)->text,
			"CXL devices need a q35 machine with CXL on, which QEMU refuses them "
			"without; use -machine q35,cxl=on");
	else if (!has_memory_window(cfg))
		finding_add(f, SEV_ERROR, "cxl-fmw", first_cxl(cfg)->text,
			"no CXL fixed memory window: the guest gets no root decoder, so no "
			"region and no namespace; add -machine cxl-fmw.0.targets.0=BRIDGE,"
			"cxl-fmw.0.size=SIZE, BRIDGE the pxb-cxl's id and SIZE at least its "
			"devices' persistent memory, a multiple of 256M");
}

static int root_ports_of(const struct qemu_config *cfg, const char *bridge)
{
	int n = 0;

	for (int i = 0; i < cfg->nopts; i++) {
		const char *bus = qemu_opt_get(&cfg->opts[i], "bus");

		if (is_device(&cfg->opts[i], "cxl-rp") && bus && !strcmp(bus, bridge))
			n++;
	}
	return n;
}

/*
 * One root port: Linux programs the host bridge as a pass-through decoder, which QEMU 7.2
 * does not decode; the guest's writes to the region vanish (zeros read back, namespaces
 * come back raw after a reboot) and nothing reports it.
 */
static void rule_cxl_root_ports(const struct qemu_config *cfg, const struct qemu_option *o,
		struct findings *f)
{
	const char *id = qemu_opt_get(o, "id");

	if (!id || root_ports_of(cfg, id) != 1)
		return;
	finding_add(f, SEV_ERROR, "cxl-root-ports", o->text,
		"host bridge %s has one root port: Linux then gives it a pass-through decoder, "
		"which QEMU 7.2 does not decode, and the guest's writes to the region are "
		"dropped without an error (data reads back as zeros, namespaces come back raw "
		"after a reboot); add a second -device cxl-rp,bus=%s,port=1,chassis=C,slot=S "
		"(any unused chassis and slot), even with nothing behind it", id, id);
}

/*
 * No sn=: QEMU 7.2 gives the device no serial number capability and Linux reads serial 0.
 * The region's interleave-set cookie is a checksum of the devices' serials and DPA offsets,
 * 0 for one such device at offset 0, and Linux refuses the namespace labels of a region
 * whose cookie is 0 ("invalid interleave-set-cookie"): seen in a guest, the region made
 * again at the next boot fails to probe and its namespaces are gone.
 */
static const struct qemu_backend *backend_named(const struct qemu_config *cfg, const char *id)
{
	for (int i = 0; id && i < cfg->nbackends; i++)
		if (cfg->backends[i].id && !strcmp(cfg->backends[i].id, id))
			return &cfg->backends[i];
	return NULL;
}

/* The device's memdev= and lsa= backends must keep what the guest writes, as an nvdimm's. */
static void rule_cxl_backends(const struct qemu_config *cfg, const struct qemu_option *o,
		struct findings *f)
{
	static const char *const keys[] = { "memdev", "lsa" };

	for (int k = 0; k < 2; k++) {
		const char *id = qemu_opt_get(o, keys[k]);
		const struct qemu_backend *b = backend_named(cfg, id);

		if (!id)
			continue;
		if (!b)
			finding_add(f, SEV_ERROR, "cxl-backend", o->text, "%s=%s names no "
				"memory-backend -object; add -object memory-backend-file,id=%s,"
				"share=on,mem-path=FILE,size=SIZE or fix the name", keys[k], id, id);
		else if (b->kind != BACKEND_FILE || b->share != 1)
			finding_add(f, SEV_WARNING, "cxl-backend", b->opt->text, "the %s of %s: "
				"%s, so its %s are lost when QEMU exits; use memory-backend-file,"
				"mem-path=FILE,share=on", keys[k], qemu_opt_get(o, "id") ?: "a cxl-type3",
				b->kind != BACKEND_FILE ? "not a file" : "no share=on, guest writes go "
				"to a private copy", k ? "labels" : "data");
	}
}

static void rule_cxl_type3(const struct qemu_option *o, struct findings *f)
{
	const char *id = qemu_opt_get(o, "id"), *sn = qemu_opt_get(o, "sn");

	if (!sn || !strtoull(sn, NULL, 0))
		finding_add(f, SEV_ERROR, "cxl-serial", o->text,
			"%s: Linux reads serial number 0 (QEMU 7.2 gives a device without sn= "
			"none), and "
			"the interleave-set cookie of its region (a checksum of serials and "
			"offsets) is then 0, which Linux refuses in namespace labels: after a "
			"reboot the region fails to probe and its namespaces are gone; add "
			"sn=N, N not 0, distinct per device and the same at every boot",
			sn ? "sn=0" : "no sn=");
	if (!qemu_opt_get(o, "lsa"))
		finding_add(f, SEV_ERROR, "cxl-lsa", o->text,
			"no lsa=: QEMU 7.2 refuses a cxl-type3 without its label storage area "
			"(\"lsa property must be set\"); add lsa=ID naming a memory-backend-file "
			"of 128K or more, share=on, which holds the namespace labels");
	else
		finding_add(f, SEV_WARNING, "cxl-region-boot", o->text,
			"Linux does not create CXL regions at boot: run cxl create-region -m -t "
			"pmem -d decoder0.N memN in the guest at every boot, before using the "
			"namespaces (they come back with the region); ndctl-qemu run "
			"--cxl-pmem does it for you%s%s", id ? "; device " : "", id ? id : "");
}

void qemu_check_cxl(const struct qemu_config *cfg, struct findings *f)
{
	if (!has_cxl_device(cfg))
		return;
	rule_cxl_machine(cfg, f);
	for (int i = 0; i < cfg->nopts; i++) {
		const struct qemu_option *o = &cfg->opts[i];

		if (is_device(o, "pxb-cxl"))
			rule_cxl_root_ports(cfg, o, f);
		else if (is_device(o, "cxl-type3")) {
			rule_cxl_type3(o, f);
			rule_cxl_backends(cfg, o, f);
		}
	}
}
