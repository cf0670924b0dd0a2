//! Keeping an import's memory in check at the level of the process.

/// Lets glibc's allocator keep at most two arenas. For programs, not libraries: call it
/// first thing in `main`, before any thread starts.
///
/// glibc gives a thread that finds the existing arenas busy an arena of its own (up to
/// eight per core), and memory freed in an arena mostly stays with it. An import runs four
/// threads that allocate (the parser, two parallel parse workers, the writer), and on
/// the 1M-message Facebook archive the extra arenas held 10 to 20 MB of peak RSS that
/// two arenas do not (see `docs/performance.md`). Elsewhere (another libc, another
/// system) this does nothing. The `MALLOC_ARENA_MAX` environment variable, when set,
/// wins.
pub fn limit_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: `mallopt` only sets an allocator parameter; it is called before the
        // program starts any thread, and M_ARENA_MAX takes any positive count.
        #[allow(unsafe_code)]
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// Hands memory the allocator holds but no longer uses back to the system. Called after
/// each window the writer writes and before the indexes are built: the parse and the
/// batches leave free but scattered memory in the threads' arenas that the next window
/// (or the index sorter) does not reuse, and without this it adds up to the import's
/// peak (fb1m: 89–98 MB without, 72–73 MB with, for about 0.4 s of system time). Does
/// nothing where glibc is not the allocator.
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free memory to the system; every allocation
    // stays valid, and it may be called at any time from any thread.
    #[allow(unsafe_code)]
    unsafe {
        libc::malloc_trim(0);
    }
}
