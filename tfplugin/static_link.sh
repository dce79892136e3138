#!/bin/sh
# Link launcher used by tfplugin_link_static (see StaticLink.cmake).
#   static_link.sh ARCHIVE_LIST -- LINK COMMAND...
# Drops every shared library on the link command whose archive is listed in
# ARCHIVE_LIST (same lib name), then links all listed archives as one group
# after the objects, followed by the shared system libraries they need.
set -eu
list=$1
shift
[ "$1" = "--" ] && shift

names=""
while IFS= read -r a; do
  [ -n "$a" ] || continue
  b=$(basename "$a" .a)
  names="$names $b "
done < "$list"

# Rebuild "$@" without the replaced .so files.
n=$#
i=0
while [ $i -lt $n ]; do
  arg=$1
  shift
  i=$((i + 1))
  case "$arg" in
    *.so | *.so.*)
      base=$(basename "$arg")
      lib=${base%%.so*}
      case "$names" in
        *" $lib "*) continue ;;
      esac
      ;;
  esac
  set -- "$@" "$arg"
done

set -- "$@" -Wl,--start-group
while IFS= read -r a; do
  [ -n "$a" ] && set -- "$@" "$a"
done < "$list"
exec "$@" -Wl,--end-group -lssl -lcrypto -lpthread -ldl -lm -lrt
