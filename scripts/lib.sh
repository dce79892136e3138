# Shell helpers shared by scripts/demo.sh and scripts/bench.sh (sourced).
# The caller defines BUILD_DIR and die().

# find_bin NAME: a built program, at the top of the build tree or in the
# folder of the target that makes it.
find_bin() {
  local p
  for p in "$BUILD_DIR/$1" "$BUILD_DIR"/*/"$1"; do
    [ -x "$p" ] && { echo "$p"; return 0; }
  done
  die "$1 was not built (looked in $BUILD_DIR)"
}
