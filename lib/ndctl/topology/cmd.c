// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Bus command objects: ARS capabilities, clear-error and the NFIT bus DSMs
 * (error injection, through ND_CMD_CALL), with upstream's contract. A command the bus does not list in its "commands" attribute
 * cannot be made (NULL, logged at debug), which is what QEMU's NFIT gives
 * (it lists only cmd_call), so callers take the same fallback they take with
 * upstream. A listed one is submitted as the kernel's ioctl on /dev/ndctlN.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/ndctl.h>
#include "internal.h"

/* The ioctl's buffer follows the header: its size depends on the command. */
struct ndctl_cmd {
	struct ndctl_bus *bus;
	int refcount;
	int type;		/* ND_CMD_ARS_CAP, ND_CMD_CLEAR_ERROR, ND_CMD_CALL */
	int status;		/* 1 until submitted, then the ioctl's result */
	unsigned char buf[] __attribute__((aligned(8)));
};

static struct nd_cmd_ars_cap *ars_cap_of(struct ndctl_cmd *cmd)
{
	return (struct nd_cmd_ars_cap *)cmd->buf;
}

static struct nd_cmd_clear_error *clear_err_of(struct ndctl_cmd *cmd)
{
	return (struct nd_cmd_clear_error *)cmd->buf;
}

int nd_dev_lists_cmd(struct nd_dev *dev, const char *name)
{
	char buf[SYSFS_ATTR_SIZE];
	size_t len = strlen(name);

	if (nd_dev_read(dev, "commands", buf))
		return 0;
	for (const char *w = buf; (w = strstr(w, name)); w += len)
		if ((w == buf || w[-1] == ' ') && (w[len] == ' ' || !w[len]))
			return 1;
	return 0;
}

NDCTL_EXPORT int ndctl_bus_is_cmd_supported(struct ndctl_bus *bus, int cmd)
{
	return nd_dev_lists_cmd(&bus->dev, nvdimm_bus_cmd_name((unsigned int)cmd));
}

static struct ndctl_cmd *cmd_new(struct ndctl_bus *bus, int type, size_t size)
{
	struct ndctl_cmd *cmd;

	if (!ndctl_bus_is_cmd_supported(bus, type)) {
		dbg(bus->dev.ctx, "%s: %s not supported\n", bus->dev.name,
				nvdimm_bus_cmd_name((unsigned int)type));
		return NULL;
	}
	cmd = calloc(1, sizeof(*cmd) + size);
	if (!cmd)
		return NULL;
	cmd->bus = bus;
	cmd->refcount = 1;
	cmd->type = type;
	cmd->status = 1;
	return cmd;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_bus_cmd_new_ars_cap(struct ndctl_bus *bus,
		unsigned long long address, unsigned long long len)
{
	struct ndctl_cmd *cmd = cmd_new(bus, ND_CMD_ARS_CAP, sizeof(struct nd_cmd_ars_cap));

	if (cmd) {
		ars_cap_of(cmd)->address = address;
		ars_cap_of(cmd)->length = len;
	}
	return cmd;
}

/*
 * An NFIT bus DSM (NFIT_CMD_*) as the kernel's ND_CMD_CALL takes it: the
 * package header, then in_size bytes in and out_size bytes out. Family 0 is
 * the NFIT bus family, as upstream leaves it.
 */
struct ndctl_cmd *nd_bus_cmd_new_call(struct ndctl_bus *bus, unsigned int func,
		size_t in_size, size_t out_size)
{
	struct ndctl_cmd *cmd = cmd_new(bus, ND_CMD_CALL,
			sizeof(struct nd_cmd_pkg) + in_size + out_size);
	struct nd_cmd_pkg *pkg;

	if (!cmd)
		return NULL;
	pkg = (struct nd_cmd_pkg *)cmd->buf;
	pkg->nd_command = func;
	pkg->nd_size_in = (__u32)in_size;
	pkg->nd_size_out = (__u32)out_size;
	pkg->nd_fw_size = (__u32)out_size;
	return cmd;
}

void *nd_cmd_call_payload(struct ndctl_cmd *cmd)
{
	return ((struct nd_cmd_pkg *)cmd->buf)->nd_payload;
}

static bool ars_cap_done(struct ndctl_cmd *cmd)
{
	return cmd && cmd->type == ND_CMD_ARS_CAP && cmd->status == 0;
}

NDCTL_EXPORT int ndctl_cmd_ars_cap_get_range(struct ndctl_cmd *ars_cap,
		struct ndctl_range *range)
{
	if (!range || !ars_cap_done(ars_cap))
		return -EINVAL;
	range->address = ars_cap_of(ars_cap)->address;
	range->length = ars_cap_of(ars_cap)->length;
	return 0;
}

NDCTL_EXPORT unsigned int ndctl_cmd_ars_cap_get_size(struct ndctl_cmd *ars_cap)
{
	return ars_cap_done(ars_cap) ? ars_cap_of(ars_cap)->max_ars_out : 0;
}

NDCTL_EXPORT unsigned int ndctl_cmd_ars_cap_get_clear_unit(struct ndctl_cmd *ars_cap)
{
	return ars_cap_done(ars_cap) ? ars_cap_of(ars_cap)->clear_err_unit : 0;
}

/* As upstream: inside the ARS range, aligned to its clear-error unit. */
static bool clear_error_valid(struct ndctl_cmd *ars_cap, unsigned long long address,
		unsigned long long len)
{
	const struct nd_cmd_ars_cap *cap = ars_cap_of(ars_cap);
	unsigned int unit = cap->clear_err_unit;

	if (!unit || (unit & (unit - 1)) || (cap->status & 0xffff))
		return false;
	if (address < cap->address || address + len > cap->address + cap->length)
		return false;
	return ((address | len) & (unit - 1)) == 0;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_bus_cmd_new_clear_error(unsigned long long address,
		unsigned long long len, struct ndctl_cmd *ars_cap)
{
	struct ndctl_cmd *cmd;

	if (!ars_cap_done(ars_cap) || !clear_error_valid(ars_cap, address, len)) {
		if (ars_cap)
			dbg(ars_cap->bus->dev.ctx, "clear-error needs a completed ars_cap "
					"covering an aligned range\n");
		return NULL;
	}
	cmd = cmd_new(ars_cap->bus, ND_CMD_CLEAR_ERROR, sizeof(struct nd_cmd_clear_error));
	if (cmd) {
		clear_err_of(cmd)->address = address;
		clear_err_of(cmd)->length = len;
	}
	return cmd;
}

NDCTL_EXPORT unsigned long long ndctl_cmd_clear_error_get_cleared(
		struct ndctl_cmd *clear_err)
{
	if (!clear_err || clear_err->type != ND_CMD_CLEAR_ERROR || clear_err->status)
		return 0;
	return clear_err_of(clear_err)->cleared;
}

static unsigned long cmd_ioctl(int type)
{
	switch (type) {
	case ND_CMD_ARS_CAP:
		return ND_IOCTL_ARS_CAP;
	case ND_CMD_CLEAR_ERROR:
		return ND_IOCTL_CLEAR_ERROR;
	default:
		return ND_IOCTL_CALL;
	}
}

/*
 * As upstream: the ioctl's result, which for the kernel's ND_IOCTL_* is
 * 0, a positive count of output bytes left unfilled (buffer underrun), or
 * -1 with errno. Bus commands are single transfers, so upstream's
 * chunked-transfer arithmetic never applies to them.
 */
int nd_node_ioctl(struct ndctl_ctx *ctx, const char *node, unsigned long req, void *arg)
{
	char path[PATH_MAX];
	int fd, rc;

	rc = path_printf(path, sizeof(path), "%s/dev/%s", ctx->base.root, node);
	if (rc)
		return rc;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		err(ctx, "%s: %s\n", path, strerror(errno));
		return rc;
	}
	rc = ioctl(fd, req, arg);
	if (rc < 0)
		rc = -errno;
	close(fd);
	return rc;
}

NDCTL_EXPORT int ndctl_cmd_submit(struct ndctl_cmd *cmd)
{
	struct ndctl_ctx *ctx;
	char node[32];
	int rc;

	if (!cmd)
		return -EINVAL;
	ctx = cmd->bus->dev.ctx;
	snprintf(node, sizeof(node), "ndctl%u", cmd->bus->id);
	rc = nd_node_ioctl(ctx, node, cmd_ioctl(cmd->type), cmd->buf);
	/*
	 * A clear takes its range off the kernel's bad block lists at once (an
	 * injection reaches them only through the scrub it starts, whose wait
	 * moves the generation on); queries (ARS caps, Translate SPA for each
	 * step of a listing) leave the cached attributes alone.
	 */
	if (cmd->type == ND_CMD_CLEAR_ERROR)
		nd_attrs_forget(ctx);
	if (rc < 0)
		dbg(ctx, "%s: %s failed: %s\n", cmd->bus->dev.name,
				nvdimm_bus_cmd_name((unsigned int)cmd->type), strerror(-rc));
	cmd->status = rc;
	return rc;
}

NDCTL_EXPORT void ndctl_cmd_ref(struct ndctl_cmd *cmd)
{
	if (cmd)
		cmd->refcount++;
}

NDCTL_EXPORT void ndctl_cmd_unref(struct ndctl_cmd *cmd)
{
	if (cmd && --cmd->refcount == 0)
		free(cmd);
}
