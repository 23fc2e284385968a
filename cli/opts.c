/* opts.c - option parsing shared by the subcommands. */
#include <string.h>
#include <strings.h>

#include "cli.h"

const char *cli_opt(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != 0)
		return NULL;
	if (*i + 1 >= argc) {
		cli_error("option '%s' needs a value", name);
		return "";
	}
	return argv[++*i];
}

int cli_is_input(const char *path)
{
	return bl_doc_input_name(path);
}
