#!/usr/bin/env bash
# Starts the notebooks' Rust kernel; Jupyter runs it through the kernel spec
# notebooks/setup.sh writes:
#
#   kernel.sh EVCXR_JUPYTER CACHE --control_file CONNECTION_FILE
#
# evcxr builds every cell as a crate named `ctx` in one folder
# (EVCXR_TMPDIR). Two kernels sharing that folder overwrite each other's
# sources and libraries: one dies ("Error renaming ... libctx.so") or both
# run the same library and print the same answer. So every kernel gets a
# folder of its own, CACHE/kernels/N, the first one no other kernel holds
# (a lock held for the kernel's life). The folders stay, warm, for the next
# kernels; a new folder compiles only this crate, since evcxr's `:cache`
# (notebooks/evcxr/init.evcxr) keeps every compiled crates.io dependency in
# CACHE/kernels/shared for all of them.
set -euo pipefail
kernel_bin="$1"
cache="$2"
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"

# A notebook anywhere in the repository (a scratch copy in notebooks/runs/,
# one beside a story of your own) runs in notebooks/, like the notebooks
# themselves, so that the `:dep` path and `../data` mean the same in all of
# them. (newsfigures::notebook::root names the repository from any folder.)
case "$PWD/" in
  "$root/"*) cd "$root/notebooks" ;;
esac

# Where evcxr's `:cache` keeps compiled crates: dirs::cache_dir()/evcxr.
export XDG_CACHE_HOME="$cache/kernels/shared"
# The cache keys a compile by its command line, not its sources, and leaves
# out only incremental ones, which cargo makes of this crate (a path
# dependency) by default. CARGO_INCREMENTAL=0 would let it serve a stale
# build of the crate after an edit.
unset CARGO_INCREMENTAL
mkdir -p "$XDG_CACHE_HOME"
for n in $(seq 0 31); do
  dir="$cache/kernels/$n"
  mkdir -p "$dir"
  status=0
  # --close: the lock stays with flock, not with every process the kernel
  # starts, so it is free again the moment the kernel exits.
  EVCXR_TMPDIR="$dir" flock --nonblock --close --conflict-exit-code 75 "$dir.lock" \
    "$kernel_bin" "$@" || status=$?
  if [ "$status" != 75 ]; then
    exit "$status"
  fi
done
echo "kernel.sh: all 32 kernel folders under $cache/kernels are in use" >&2
exit 1
