#!/usr/bin/env bash
# Sets up the notebooks once: the evcxr Rust kernel, a project-local Jupyter
# and a kernel spec that only that Jupyter sees. Safe to run again: each step
# is skipped when it is already done. Nothing global is touched but the
# `cargo install` of evcxr_jupyter into ~/.cargo/bin.
#
#   bash notebooks/setup.sh        # then: .venv/bin/jupyter lab notebooks/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

EVCXR_VERSION=0.22.0
cache="${NEWSFIGURES_CACHE:-$HOME/.cache/newsfigures}"

# 1. The kernel. `cargo install` takes about 6 minutes on 2 cores, so skip it when the
#    pinned version is already installed.
installed="$(cargo install --list 2>/dev/null | sed -n 's/^evcxr_jupyter v\([0-9.]*\):$/\1/p')"
if [ "$installed" != "$EVCXR_VERSION" ] || ! command -v evcxr_jupyter >/dev/null; then
  echo "installing evcxr_jupyter $EVCXR_VERSION (about 6 minutes on 2 cores)"
  cargo install --locked evcxr_jupyter --version "$EVCXR_VERSION"
fi
kernel_bin="$(command -v evcxr_jupyter)"
# notebooks/kernel.sh locks each kernel's build folder with util-linux's flock.
command -v flock >/dev/null || { echo "notebooks/setup.sh: flock (util-linux) is missing" >&2; exit 1; }

# 2. A faster linker for the library evcxr links for every cell. Debian's
#    mold; evcxr picks it up by itself when it is on PATH.
if ! command -v mold >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mold) >/dev/null \
    || echo "mold not installed; evcxr will use the system linker"
fi

# 3. Jupyter in a virtual environment inside the project, every package pinned.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/pip freeze 2>/dev/null | diff -q <(grep -v '^#' notebooks/requirements.txt | sort) <(sort -) >/dev/null; then
  .venv/bin/pip install -q --disable-pip-version-check -r notebooks/requirements.txt
fi

# 4. The crates this crate's Cargo.lock names, downloaded, for the kernel, which
#    runs cargo offline (see notebooks/evcxr/init.evcxr).
cargo fetch --locked --target "$(rustc -vV | sed -n 's/^host: //p')" >/dev/null

# 5. The kernel spec, inside the virtual environment's share/jupyter so only
#    this Jupyter sees it. Jupyter starts the kernel through notebooks/kernel.sh,
#    which gives every kernel a build folder of its own under $cache/kernels/
#    (two notebooks open at once never share one) and runs notebooks under
#    notebooks/ there. EVCXR_CONFIG_DIR points at notebooks/evcxr/, whose
#    init.evcxr sets the optimisation level, failing panics and the cache of
#    compiled dependencies the folders share.
#    LD_LIBRARY_PATH names the toolchain's own libraries: the relative rpath
#    rustc writes into evcxr's per-cell libraries is wrong when the cache and
#    the toolchain share a parent folder (both under $HOME), and every cell
#    then fails with "dlopen failed".
sysroot_libs="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/lib"
spec=.venv/share/jupyter/kernels/rust
mkdir -p "$spec" "$cache/kernels"
# Before kernels had folders of their own, the one folder was $cache/evcxr.
if [ -f "$cache/evcxr/Cargo.toml" ] && [ -d "$cache/evcxr/target" ]; then
  rm -rf "$cache/evcxr"
fi
cat > "$spec/kernel.json" <<JSON
{
  "argv": ["bash", "$root/notebooks/kernel.sh", "$kernel_bin", "$cache", "--control_file", "{connection_file}"],
  "display_name": "Rust (newsfigures)",
  "language": "rust",
  "interrupt_mode": "message",
  "env": {"EVCXR_CONFIG_DIR": "$root/notebooks/evcxr", "LD_LIBRARY_PATH": "$sysroot_libs"}
}
JSON
echo "notebooks ready: .venv/bin/jupyter lab notebooks/"
