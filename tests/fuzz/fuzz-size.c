// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the option-value parsers. parse_size on the input as a
 * string (it must agree with a reference: decimal or 0x digits, a unit,
 * nothing else), then the input as ndctl-qemu provision --namespace and
 * plan --nvdimm specs (the commands stop at the missing file or print a
 * plan, both to /dev/null).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/size.h"
#include "ndctl-qemu/commands/builtin.h"
#include "fuzz-lsa.h"

static void check_size(const char *s)
{
	uint64_t v;
	int rc = parse_size(s, &v);
	const char *p = s;

	if (rc != 0)
		return;
	/* accepted: only digits (after 0x, hex ones) and a unit */
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	else if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
		abort();	/* a leading zero is refused */
	if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
		abort();
	for (; *p; p++)
		if (*p == ' ' || *p == '-' || *p == '+' || *p == '\t')
			abort();
}

/* The command's messages are not what is tested: they go to /dev/null. */
static void run_cmd(int (*cmd)(int, char **, void *), const char *const *args, int n)
{
	int out = dup(1), err = dup(2), null = open("/dev/null", O_WRONLY);
	char *argv[9], *owned[9];	/* the parser reorders argv, as upstream's */
	int i;

	for (i = 0; i < n; i++)
		argv[i] = owned[i] = strdup(args[i]);
	argv[n] = NULL;
	fflush(NULL);
	dup2(null, 1);
	dup2(null, 2);
	cmd(n, argv, NULL);
	fflush(NULL);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	close(null);
	for (i = 0; i < n; i++)
		free(owned[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	check_size(s);
	{
		const char *prov[] = { "provision", "/nonexistent/nv.img", "--slot", "0",
			"--label-size", "128K", "--namespace", s };
		const char *plan[] = { "plan", "--nvdimm", s };

		run_cmd(cmd_provision, prov, 8);
		run_cmd(cmd_plan, plan, 3);
	}
	free(s);
	return 0;
}
