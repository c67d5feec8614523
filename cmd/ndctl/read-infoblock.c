// SPDX-License-Identifier: GPL-2.0-only
/* read-infoblock: a namespace's (or an image file's) PFN/DAX info block as JSON. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"
#include "create-namespace.h"
#include "infoblock.h"
#include "util/json.h"

static const char usage_text[] =
"usage: ndctl read-infoblock <namespace> | -i <file> [<options>]\n"
"\n"
"  -i, --input <file>   read a namespace image file instead (info block at 4096)\n"
"  -j, --json           JSON output (the default and only form)\n"
"  -u, --human          numbers in hex\n";

static int read_file_head(const char *path, unsigned char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pread(fd, buf, len, 0);
	close(fd);
	return n == (ssize_t)len ? 0 : -EIO;
}

static int read_head(struct ndctl_ctx *ctx, const char *name, const char *input,
		unsigned char *buf, size_t len)
{
	struct ndctl_namespace *ndns;
	int rc;

	if (input) {
		rc = read_file_head(input, buf, len);
		if (rc)
			fprintf(stderr, "ndctl read-infoblock: %s: %s (need at least %zu bytes)\n",
					input, strerror(-rc), len);
		return rc;
	}
	ndns = create_find_namespace(ctx, name);
	if (!ndns) {
		fprintf(stderr, "ndctl read-infoblock: no namespace %s: see 'ndctl list -Ni'\n",
				name);
		return -ENOENT;
	}
	rc = ndctl_namespace_read_head(ndns, buf, len);
	if (rc && rc != -EBUSY)
		fprintf(stderr, "ndctl read-infoblock: reading %s: %s\n", name, strerror(-rc));
	return rc;
}

int cmd_read_infoblock(int argc, char **argv, void *ctx)
{
	static const struct option longopts[] = {
		{ "input", required_argument, NULL, 'i' }, { "json", no_argument, NULL, 'j' },
		{ "human", no_argument, NULL, 'u' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static unsigned char head[INFOBLOCK_OFFSET + INFOBLOCK_SIZE];
	const char *input = NULL, *name = NULL;
	struct json_object *j, *arr;
	unsigned flags = 0;
	char why[256];
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:juh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': input = optarg; break;
		case 'j': break;
		case 'u': flags |= UTIL_JSON_HUMAN; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default:
			return usage_error("ndctl", "read-infoblock", "unknown option '%s'",
					argv[optind - 1]);
		}
	}
	if (optind < argc)
		name = argv[optind];
	if (!name == !input)
		return usage_error("ndctl", "read-infoblock", "name one namespace, or give "
				"-i <file>");
	if (read_head(ctx, name, input, head, sizeof(head)))
		return 1;
	j = infoblock_to_json(head + INFOBLOCK_OFFSET, flags, why, sizeof(why));
	if (!j) {
		fprintf(stderr, "ndctl read-infoblock: %s: %s\n", input ? input : name, why);
		return 1;
	}
	json_object_object_add(j, "dev", json_object_new_string(input ? input : name));
	arr = json_object_new_array();
	json_object_array_add(arr, j);
	util_json_print(stdout, arr);
	json_object_put(arr);
	return 0;
}
