// SPDX-License-Identifier: GPL-2.0-only
/*
 * read-infoblock and write-infoblock: upstream's options, output, summary
 * lines and exit statuses, over libndctl's info-block codec
 * (ndctl/infoblock.h) on a namespace, a file or stdin/stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <linux/fs.h>
#include <uuid/uuid.h>
#include "builtin.h"
#include "../common/parse-options.h"
#include "topo-filter.h"
#include "util/json.h"
#include "util/size.h"

struct ib_params {
	struct topo_filter filter;
	bool verbose, verify, json, human, to_stdout;
	const char *outfile, *infile, *mode, *size, *align, *uuid, *map, *parent_uuid,
		*offset;
};

struct ib_run {
	const struct ib_params *p;
	FILE *out;			/* read: where the dump or the JSON goes */
	struct json_object *blocks;	/* read: the JSON array, once -j/-u */
	int done;
};

#define verbose(run, ...) do { if ((run)->p->verbose) fprintf(stderr, __VA_ARGS__); } while (0)

/* Upstream's loop: each namespace the name (or "all", seeds excepted) selects. */
static int each_namespace(struct ndctl_ctx *ctx, const char *name, struct ib_run *run,
		int (*fn)(struct ndctl_namespace *, struct ib_run *))
{
	bool all = strcmp(name, "all") == 0;
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	int rc = all ? 0 : -ENXIO;

	ndctl_bus_foreach(ctx, bus) {
		if (!topo_filter_bus(&run->p->filter, bus))
			continue;
		ndctl_region_foreach(bus, region) {
			if (!topo_filter_region(&run->p->filter, region, true))
				continue;
			ndctl_namespace_foreach(region, ndns) {
				if (all ? !ndctl_namespace_is_configured(ndns) :
				    strcmp(name, ndctl_namespace_get_devname(ndns)) != 0)
					continue;
				rc = fn(ndns, run);
				if (rc == 0)
					run->done++;
			}
		}
	}
	return rc;
}

/* Upstream says only "Device or resource busy"; ndkit adds the way out. */
static int busy(struct ndctl_namespace *ndns, const char *cmd)
{
	const char *name = ndctl_namespace_get_devname(ndns);

	if (!ndctl_namespace_is_active(ndns))
		return 0;
	fprintf(stderr, "%s: %s is enabled: disable it first ('ndctl disable-namespace %s')\n",
			cmd, name, name);
	return -EBUSY;
}

/* ------------------------------------------------------------------ read */

static int read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		got += (size_t)n;
	}
	return 0;
}

/* The raw 8 KiB unless -j/-u, then the blocks found join the array. */
static int emit_head(struct ib_run *run, const void *head, const char *key,
		const char *name, const uint8_t *parent)
{
	unsigned flags = (run->p->human ? NDCTL_INFOBLOCK_JSON_HUMAN : 0) |
		(run->p->verify ? NDCTL_INFOBLOCK_JSON_VERIFY : 0);

	if (!run->p->json && !run->p->human) {
		if (fwrite(head, 1, NDCTL_INFOBLOCK_HEAD, run->out) != NDCTL_INFOBLOCK_HEAD)
			return -EIO;
		fflush(run->out);
		return 0;
	}
	if (!run->blocks)
		run->blocks = json_object_new_array();
	if (!run->blocks)
		return -ENOMEM;
	return ndctl_infoblock_head_to_json(head, key, name, parent, flags, run->blocks) < 0 ?
		-ENOMEM : 0;
}

static int read_file(struct ib_run *run)
{
	static uint8_t head[NDCTL_INFOBLOCK_HEAD];
	const char *path = run->p->infile ? run->p->infile : "<stdin>";
	int fd = run->p->infile ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	int rc;

	if (fd < 0) {
		rc = -errno;
		verbose(run, "read-infoblock:  failed to open %s: %s\n", path, strerror(-rc));
		return rc;
	}
	rc = read_full(fd, head, sizeof(head));
	if (fd != STDIN_FILENO)
		close(fd);
	if (rc) {
		verbose(run, "read-infoblock:  failed to read %s: %s\n", path, strerror(-rc));
		return rc;
	}
	return emit_head(run, head, "file", path, NULL);
}

static int read_namespace(struct ndctl_namespace *ndns, struct ib_run *run)
{
	static uint8_t head[NDCTL_INFOBLOCK_HEAD];
	uuid_t uuid;
	int rc = busy(ndns, "read-infoblock");

	if (rc)
		return rc;
	rc = ndctl_namespace_read_head(ndns, head, sizeof(head));
	if (rc)
		return rc;
	ndctl_namespace_get_uuid(ndns, uuid);
	return emit_head(run, head, "dev", ndctl_namespace_get_devname(ndns), uuid);
}

/* Upstream prints the array with plain PRETTY: '/' escaped as "\/". */
static void print_blocks(struct ib_run *run)
{
	if (!run->blocks)
		return;
	if (json_object_array_length(run->blocks) == 0)
		fprintf(stderr, "  Warning: no matching devices found\n\n");
	fprintf(run->out, "%s\n", json_object_to_json_string_ext(run->blocks,
			JSON_C_TO_STRING_PRETTY));
	json_object_put(run->blocks);
	run->blocks = NULL;
}

static int do_read(struct ndctl_ctx *ctx, const char *name, struct ib_run *run)
{
	int rc;

	run->out = stdout;
	if (run->p->outfile) {
		run->out = fopen(run->p->outfile, "w+");
		if (!run->out) {
			rc = -errno;
			fprintf(stderr, "failed to open: %s: (%s)\n", run->p->outfile,
					strerror(-rc));
			return rc;
		}
	}
	if (run->p->infile || !name) {
		rc = read_file(run);
		if (rc >= 0)
			run->done++;
	} else {
		rc = each_namespace(ctx, name, run, read_namespace);
		ndctl_invalidate(ctx);
	}
	print_blocks(run);
	if (run->out != stdout)
		fclose(run->out);
	return rc;
}

int cmd_read_infoblock(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = {
		"ndctl read-infoblock <namespace> [<options>]", NULL };
	struct ib_params p = { 0 };
	const struct option opts[] = {
		NS_FILTER_OPTIONS(&p.filter, &p.verbose),
		OPT_FILENAME('o', "output", &p.outfile, "output-file", "filename to write infoblock contents"),
		OPT_FILENAME('i', "input", &p.infile, "input-file", "filename to read infoblock instead of a namespace"),
		OPT_BOOLEAN('V', "verify", &p.verify, "validate parent uuid, and infoblock checksum"),
		OPT_BOOLEAN('j', "json", &p.json, "parse label data into json"),
		OPT_BOOLEAN('u', "human", &p.human, "use human friendly number formats (implies --json)"),
		OPT_END(),
	};
	struct ib_run run = { .p = &p };
	int rc = 0;

	argc = parse_options(argc, argv, opts, usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	for (int i = 1; i < argc; i++)
		rc = opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	if (p.infile && argc)
		rc = opt_error("specify a namespace, or --input, not both\n");
	if (rc)
		return usage_with_options(usage, opts);
	if (p.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	rc = do_read(ctx, argc ? argv[0] : NULL, &run);
	if (rc < 0)
		fprintf(stderr, "error reading infoblock data: %s\n", strerror(-rc));
	fprintf(stderr, "read %d infoblock%s\n", run.done, run.done == 1 ? "" : "s");
	return rc;
}

/* ----------------------------------------------------------------- write */

/*
 * Upstream's parse_size64() returns ULLONG_MAX for text it cannot parse, so the
 * number 18446744073709551615 (or 16E) is refused as unparsable there too.
 */
static int parse_size_upstream(const char *s, uint64_t *v)
{
	return parse_size(s, v) || *v == UINT64_MAX;
}

/* Upstream's checks and messages (set_defaults); 0 or -1 once reported. */
static int check_write_params(const struct ib_params *p)
{
	enum ndctl_namespace_mode mode = ndctl_namespace_mode_from_name(p->mode);
	uint64_t v;
	uuid_t u;
	int rc = 0;

	if (mode == NDCTL_NS_MODE_UNKNOWN)
		rc = opt_error("invalid mode '%s'\n", p->mode);
	else if (mode != NDCTL_NS_MODE_FSDAX && mode != NDCTL_NS_MODE_DEVDAX)
		rc = opt_error("unsupported mode '%s'\n", p->mode);
	if (strcmp(p->map, "mem") != 0 && strcmp(p->map, "dev") != 0)
		rc = opt_error("invalid map location '%s'\n", p->map);
	if (p->size && parse_size_upstream(p->size, &v))
		rc = opt_error("failed to parse namespace size '%s'\n", p->size);
	if (p->offset && parse_size_upstream(p->offset, &v))
		rc = opt_error("failed to parse physical offset'%s'\n", p->offset);
	if (p->align && parse_size_upstream(p->align, &v))
		rc = opt_error("failed to parse namespace alignment '%s'\n", p->align);
	else if (p->align && (!is_power_of_2(v) || v < SZ_4K))
		rc = opt_error("align must be a power-of-2 greater than %ld\n", (long)SZ_4K);
	/* Upstream checks -s twice and says so twice: kept, stderr word for word. */
	if (p->size && parse_size_upstream(p->size, &v))
		rc = opt_error("failed to parse namespace size '%s'\n", p->size);
	if (p->uuid && uuid_parse(p->uuid, u))
		rc = opt_error("failed to parse uuid: '%s'\n", p->uuid);
	if (p->parent_uuid && uuid_parse(p->parent_uuid, u))
		rc = opt_error("failed to parse uuid: '%s'\n", p->parent_uuid);
	return rc;
}

static uint64_t size_or_zero(const char *s)
{
	uint64_t v = 0;

	return s && parse_size(s, &v) == 0 ? v : 0;
}

/* The 8 KiB head: zeroes, then the block for a namespace of @size bytes. */
static int build_head(const struct ib_params *p, uint64_t size, uint64_t align,
		const uint8_t *parent, uint8_t *head)
{
	uint64_t start = size_or_zero(p->offset);
	struct ndctl_infoblock_pfn pfn = {
		.kind = ndctl_namespace_mode_from_name(p->mode) == NDCTL_NS_MODE_DEVDAX ?
			NDCTL_INFOBLOCK_DAX : NDCTL_INFOBLOCK_PFN,
		.mode = strcmp(p->map, "dev") == 0 ? NDCTL_INFOBLOCK_MAP_PMEM :
			NDCTL_INFOBLOCK_MAP_RAM,
		.align = (uint32_t)align,
	};

	if (p->uuid)
		uuid_parse(p->uuid, pfn.uuid);
	else
		uuid_generate(pfn.uuid);
	if (p->parent_uuid)
		uuid_parse(p->parent_uuid, pfn.parent_uuid);
	else if (parent)
		memcpy(pfn.parent_uuid, parent, 16);
	/*
	 * Upstream v81 (901b60c): with the memmap on the device, --offset plus the
	 * 8K head and 64 bytes a page must not wrap (76.1 wrote a block that did).
	 */
	if (pfn.mode == NDCTL_INFOBLOCK_MAP_PMEM && size >= NDCTL_INFOBLOCK_HEAD &&
			start > UINT64_MAX - (NDCTL_INFOBLOCK_HEAD +
				64 * ((size - NDCTL_INFOBLOCK_HEAD) / SZ_4K))) {
		opt_error("integer overflow in offset calculation\n");
		return -EINVAL;
	}
	if (ndctl_infoblock_pfn_layout(&pfn, size, start)) {
		opt_error("unable to satisfy requested alignment\n");
		return -ENXIO;
	}
	memset(head, 0, NDCTL_INFOBLOCK_HEAD);
	ndctl_infoblock_pfn_encode(&pfn, head + NDCTL_INFOBLOCK_OFFSET);
	return 0;
}

static int file_size(int fd, const char *path, uint64_t *size)
{
	struct stat st;

	if (fstat(fd, &st) < 0) {
		opt_error("failed to stat: %s\n", path);
		return -errno;
	}
	if (S_ISREG(st.st_mode)) {
		*size = (uint64_t)st.st_size;
	} else if (S_ISBLK(st.st_mode)) {
		if (ioctl(fd, BLKGETSIZE64, size) < 0) {
			opt_error("failed to retrieve size: %s\n", path);
			return -errno;
		}
	} else {
		opt_error("unsupported file type: %s\n", path);
		return -EINVAL;
	}
	return 0;
}

/* -o FILE or -c: the size is -s, else the file's (or block device's). */
static int write_file(const struct ib_params *p)
{
	static uint8_t head[NDCTL_INFOBLOCK_HEAD];
	uint64_t size = size_or_zero(p->size);
	int fd = STDOUT_FILENO, rc = 0;

	if (!p->to_stdout) {
		fd = open(p->outfile, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
		if (fd < 0) {
			rc = -errno;
			opt_error("failed to open: %s\n", p->outfile);
			return rc;
		}
		if (!size)
			rc = file_size(fd, p->outfile, &size);
	}
	if (!rc)
		rc = build_head(p, size, p->align ? size_or_zero(p->align) : SZ_2M, NULL, head);
	if (!rc && write(fd, head, sizeof(head)) != (ssize_t)sizeof(head))
		rc = -EIO;
	if (fd != STDOUT_FILENO)
		close(fd);
	return rc;
}

/* Upstream's default: the personality's second supported alignment, else a page. */
static uint64_t default_align(struct ndctl_namespace *ndns)
{
	enum ndctl_namespace_mode mode = ndctl_namespace_get_mode(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	const char *list = NULL;
	char buf[1024], *end;
	uint64_t align;

	if (mode == NDCTL_NS_MODE_FSDAX && pfn)
		list = ndctl_pfn_get_supported_alignments(pfn, buf);
	else if (mode == NDCTL_NS_MODE_DEVDAX && dax)
		list = ndctl_dax_get_supported_alignments(dax, buf);
	if (!list || !(list = strchr(list, ' ')))
		return SZ_4K;
	align = strtoull(list, &end, 0);
	return end != list && align ? align : SZ_4K;
}

static int write_namespace(struct ndctl_namespace *ndns, struct ib_run *run)
{
	static uint8_t head[NDCTL_INFOBLOCK_HEAD];
	const struct ib_params *p = run->p;
	uint64_t align = p->align ? size_or_zero(p->align) : default_align(ndns);
	uint64_t size = p->size ? size_or_zero(p->size) : ndctl_namespace_get_size(ndns);
	uuid_t parent;
	int rc = busy(ndns, "write-infoblock");

	if (rc)
		return rc;
	if (p->size && size % align) {
		char a[32];

		snprintf(a, sizeof(a), "%llu", (unsigned long long)align);
		opt_error("--size=%s not aligned to %s\n", p->size, p->align ? p->align : a);
		return -EINVAL;
	}
	ndctl_namespace_get_uuid(ndns, parent);
	rc = build_head(p, size, align, parent, head);
	return rc ? rc : ndctl_namespace_write_head(ndns, head, sizeof(head));
}

int cmd_write_infoblock(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = {
		"ndctl write-infoblock <namespace> [<options>]", NULL };
	struct ib_params p = { .mode = "fsdax", .map = "dev" };
	const struct option opts[] = {
		NS_FILTER_OPTIONS(&p.filter, &p.verbose),
		OPT_FILENAME('o', "output", &p.outfile, "output-file", "filename to write infoblock contents"),
		OPT_BOOLEAN('c', "stdout", &p.to_stdout, "write the infoblock data to stdout"),
		OPT_STRING('m', "mode", &p.mode, "operation-mode", "specify the infoblock mode, 'fsdax' or 'devdax' (default 'fsdax')"),
		OPT_STRING('s', "size", &p.size, "size", "override the image size to instantiate the infoblock"),
		OPT_STRING('a', "align", &p.align, "align", "specify the expected physical alignment"),
		OPT_STRING('u', "uuid", &p.uuid, "uuid", "specify the uuid for the infoblock (default: autogenerate)"),
		OPT_STRING('M', "map", &p.map, "memmap-location", "specify 'mem' or 'dev' for the location of the memmap"),
		OPT_STRING('p', "parent-uuid", &p.parent_uuid, "parent-uuid", "specify the parent namespace uuid for the infoblock (default: 0)"),
		OPT_STRING('O', "offset", &p.offset, "offset", "EXPERT/DEBUG only: enable namespace inner alignment padding"),
		OPT_END(),
	};
	struct ib_run run = { .p = &p };
	int rc;

	argc = parse_options(argc, argv, opts, usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	rc = check_write_params(&p);
	if (!argc && !p.outfile && !p.to_stdout)
		rc = opt_error("specify a namespace to write-infoblock, or \"all\"\n");
	for (int i = 1; i < argc; i++)
		rc = opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	if ((p.outfile || p.to_stdout) && argc)
		rc = opt_error("specify only one of a namespace filter, --output, or --stdout\n");
	if (p.to_stdout && !p.size)
		rc = opt_error("--size required with --stdout\n");
	if (rc)
		return usage_with_options(usage, opts);
	if (p.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (!argc) {
		rc = write_file(&p);
		run.done = rc >= 0;
	} else {
		rc = each_namespace(ctx, argv[0], &run, write_namespace);
		ndctl_invalidate(ctx);
	}
	if (rc < 0)
		fprintf(stderr, "error checking infoblocks: %s\n", strerror(-rc));
	fprintf(stderr, "wrote %d infoblock%s\n", run.done, run.done == 1 ? "" : "s");
	return rc;
}
