// SPDX-License-Identifier: GPL-2.0-only
/*
 * `ndctl-qemu inspect`: a backend file's label state as `ndctl read-labels -j`
 * prints it (dev, index[], label[]; active labels only), plus what a guest will
 * see: the region size, the QEMU slot the labels' cookie belongs to, and
 * each namespace with its mode (from its info block) and usable size.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>
#include "ndctl/infoblock.h"
#include "ndctl/lsa.h"
#include "util/json.h"
#include "util/size.h"
#include "builtin.h"
#include "provision.h"

#define MAX_QEMU_SLOTS 256

struct inspect {
	const char *file;
	uint64_t label_size, align, file_size;
	int fd;
};

static const char *const inspect_usage[] = {
	"ndctl-qemu inspect FILE [--label-size S] [--align A]", "",
	"Print the label area at the end of a QEMU nvdimm backend FILE like",
	"'ndctl read-labels -j', and what the guest will see.", NULL
};

static void add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

static void add_u64(struct json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, util_json_u64(v));
}

/* The QEMU slot whose NFIT gives this cookie, or -1. */
static int cookie_slot(uint64_t cookie, int version)
{
	for (unsigned s = 0; s < MAX_QEMU_SLOTS; s++)
		if (ndctl_label_qemu_cookie(s, 0, version) == cookie)
			return (int)s;
	return -1;
}

/* Mode and usable size as the guest will find them. */
static struct json_object *guest_ns_json(const struct inspect *in, const struct ndctl_label *l)
{
	struct json_object *o = json_object_new_object();
	uint8_t buf[NDCTL_INFOBLOCK_SIZE];
	struct ndctl_infoblock_pfn ib = { 0 };
	enum ns_mode mode = NS_RAW;
	uint64_t size = l->rawsize;

	if (pread(in->fd, buf, sizeof(buf), l->dpa + NDCTL_INFOBLOCK_OFFSET) == sizeof(buf) &&
	    ndctl_infoblock_checksum_ok(buf) && ndctl_infoblock_pfn_decode(buf, &ib) == 0 &&
	    memcmp(ib.parent_uuid, l->uuid, 16) == 0 && ib.dataoff < l->rawsize) {
		mode = ib.kind == NDCTL_INFOBLOCK_PFN ? NS_FSDAX : NS_DEVDAX;
		size = l->rawsize - ib.dataoff - ib.end_trunc;
	}
	json_object_object_add(o, "uuid", util_json_uuid(l->uuid));
	add_str(o, "name", l->name);
	add_str(o, "mode", ns_mode_name(mode));
	add_u64(o, "size", size);
	add_u64(o, "dpa", l->dpa);
	if (mode != NS_RAW)
		add_u64(o, "align", ib.align);
	return o;
}

static struct json_object *guest_json(const struct inspect *in, const struct ndctl_lsa *lsa)
{
	struct json_object *o = json_object_new_object(), *arr = json_object_new_array();
	int version = ndctl_lsa_version_minor(lsa) == 1 ? 1 : 2, slot = -2;
	struct ndctl_label l;

	add_u64(o, "region_size", backend_region_size(in->file_size, in->label_size, in->align));
	for (unsigned i = 0; i < ndctl_lsa_label_count(lsa); i++) {
		int s;

		if (ndctl_lsa_label_get(lsa, i, &l) < 0)
			continue;
		s = cookie_slot(l.isetcookie, version);
		slot = slot == -2 || slot == s ? s : -1;
		json_object_array_add(arr, guest_ns_json(in, &l));
	}
	/* Labels with another cookie are ignored by the guest kernel. */
	json_object_object_add(o, "qemu_slot", slot >= 0 ? json_object_new_int(slot) : NULL);
	json_object_object_add(o, "namespaces", arr);
	return o;
}

/* read-labels -j's dev, index[] and label[] (libndctl's), with the file's geometry and the guest's view. */
static struct json_object *inspect_json(struct inspect *in, const struct ndctl_lsa *lsa,
		uint64_t label_off)
{
	struct json_object *o = json_object_new_object(), *dump = ndctl_lsa_dump_json(lsa, in->file, 0);
	struct json_object *index = NULL, *labels = NULL;

	add_str(o, "dev", in->file);
	add_u64(o, "label_offset", label_off);
	add_u64(o, "label_size", in->label_size);
	json_object_object_add(o, "valid", json_object_new_boolean(ndctl_lsa_valid(lsa)));
	if (dump && json_object_object_get_ex(dump, "index", &index))
		json_object_get(index);
	if (dump && json_object_object_get_ex(dump, "label", &labels))
		json_object_get(labels);
	json_object_object_add(o, "index", index ? index : json_object_new_array());
	json_object_object_add(o, "label", labels ? labels : json_object_new_array());
	json_object_put(dump);
	json_object_object_add(o, "guest", guest_json(in, lsa));
	return o;
}

static int inspect_file(struct inspect *in)
{
	struct ndctl_lsa_xport *t = NULL;
	struct ndctl_lsa *lsa = NULL;
	struct json_object *out;
	struct stat st;
	int rc = 1;

	in->fd = open(in->file, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0 || fstat(in->fd, &st) < 0)
		return usage_error("ndctl-qemu", "inspect", "%s: %s", in->file, strerror(errno));
	in->file_size = st.st_size;
	if (ndctl_lsa_file_open(NULL, in->file, in->label_size, 0, &t) < 0 ||
	    ndctl_lsa_load(t, 0, &lsa) < 0) {
		usage_error("ndctl-qemu", "inspect", "%s",
			t ? ndctl_lsa_xport_errmsg(t) : strerror(ENOMEM));
		goto out;
	}
	in->label_size = ndctl_lsa_xport_size(t);
	out = inspect_json(in, lsa, ndctl_lsa_file_offset(t));
	util_json_print(stdout, out);
	json_object_put(out);
	rc = 0;
out:
	ndctl_lsa_free(lsa);
	if (t)
		ndctl_lsa_xport_close(t);
	close(in->fd);
	return rc;
}

int cmd_inspect(int argc, char **argv, void *ctx)
{
	struct inspect in = { .align = SZ_2M };
	const char *label_size = NULL, *align = NULL;
	const struct option opts[] = {
		OPT_STRING('l', "label-size", &label_size, "size",
			"the DIMM's label-size= (default: found from the index blocks)"),
		OPT_STRING('a', "align", &align, "align", "the backend's align= (default 2M)"),
		OPT_END(),
	};

	argc = parse_options(argc, argv, opts, inspect_usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	if (label_size && (parse_size(label_size, &in.label_size) < 0 || in.label_size < SZ_128K))
		return usage_refuse("ndctl-qemu", "inspect",
			"--label-size %s: give the label-size=, 128K or more", label_size);
	if (align && (parse_size(align, &in.align) < 0 || !is_power_of_2(in.align)))
		return usage_refuse("ndctl-qemu", "inspect",
			"--align %s: give the backend's align=, e.g. 2M", align);
	if (argc != 1)
		return usage_refuse("ndctl-qemu", "inspect", "give exactly one backend FILE");
	in.file = argv[0];
	return inspect_file(&in);
}
