/* dl.c - optional shared libraries, loaded when first needed rather than
 * linked: each one linked costs every run of the program its loading and
 * symbol resolution, whatever the run reads. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "base/base.h"

int bl_dl_load(const char *soname, const char *const *names, void **const *slots, size_t n, char *err,
	       size_t errcap)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errcap, "%s", dlerror());
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!(*slots[i] = dlsym(h, names[i]))) {
			snprintf(err, errcap, "%s has no %s", soname, names[i]);
			dlclose(h);
			return 0;
		}
	return 1; /* the handle stays open for the life of the process */
}

int bl_dl_ready(bl_dl_lib *lib)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&lock);
	if (!lib->state)
		lib->state =
			bl_dl_load(lib->soname, lib->names, lib->slots, lib->n, lib->err, sizeof lib->err)
				? 1
				: -1;
	int ok = lib->state > 0;
	pthread_mutex_unlock(&lock);
	return ok;
}
