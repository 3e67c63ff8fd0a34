#ifndef WARTASYS_H
#define WARTASYS_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL/ENOSYS when unsupported).
int warta_exchange_paths(const char *a, const char *b);

#endif
