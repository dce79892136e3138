# tfplugin_link_static(<executable> [pkg-config modules...]): link gRPC,
# protobuf, abseil, upb, re2, c-ares and zlib (and the archives of the extra
# pkg-config modules the executable names, e.g. yaml-cpp) from Debian's static
# archives into <executable>, and libstdc++/libgcc too: a C++ library left
# shared would also bring a second, shared libstdc++. Why: a dynamically linked gRPC program spends much of
# its start-up in the dynamic loader (~90 shared objects to map and relocate),
# and the plugin's exec-to-handshake time is what Terraform waits for.
#
# The imported CMake targets of those packages name their .so files, and the
# link dependencies are transitive, so the swap is done on the final link
# command by a small launcher (static_link.sh) that replaces each such .so
# with its .a and links the archives as one group. OpenSSL, libcurl and libc
# stay shared (libcurl needs libssl.so anyway; two OpenSSLs would be waste).

function(tfplugin_link_static target)
  find_package(PkgConfig REQUIRED)
  execute_process(
    COMMAND ${PKG_CONFIG_EXECUTABLE} --static --libs-only-l grpc++ protobuf-lite ${ARGN}
    OUTPUT_VARIABLE _libs OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(WARNING "pkg-config grpc++ failed; ${target} is linked dynamically")
    return()
  endif()
  separate_arguments(_libs UNIX_COMMAND "${_libs}")
  set(_archives "")
  foreach(_l ${_libs})
    string(REGEX REPLACE "^-l" "" _name "${_l}")
    if(_name MATCHES "^(ssl|crypto|dl|rt|m|pthread|atomic|systemd|protobuf)$")
      continue()
    endif()
    find_file(_a_${_name} lib${_name}.a
              PATHS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE} /usr/local/lib /usr/lib
              NO_DEFAULT_PATH NO_CACHE)
    if(_a_${_name})
      list(APPEND _archives ${_a_${_name}})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES _archives)
  set(_list ${CMAKE_CURRENT_BINARY_DIR}/${target}.static-archives)
  string(REPLACE ";" "\n" _text "${_archives}")
  file(WRITE ${_list} "${_text}\n")
  set_property(TARGET ${target} PROPERTY RULE_LAUNCH_LINK
               "sh ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/static_link.sh ${_list} --")
  target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc -Wl,--gc-sections)
  # A position-independent program with gRPC inside carries some 15,000
  # relative relocations; as RELA entries (24 bytes each) they are read at
  # every start and stay resident (350 KiB). Packed as RELR (glibc 2.36,
  # binutils 2.38) they take about 2 KiB.
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" TFPLUGIN_LINKER_PACKS_RELOCS)
  if(TFPLUGIN_LINKER_PACKS_RELOCS)
    target_link_options(${target} PRIVATE -Wl,-z,pack-relative-relocs)
  endif()
  _tfplugin_trim_grpc_plugins(${target} "${_archives}")
endfunction()

# Links grpc_core_plugins.cc (see there) into <target>, so gRPC's built-in
# plugin list, and the xDS/RLS/grpclb code only it reaches, stay out of the
# binary. Only when libgrpc.a's list calls exactly the registration functions
# that file calls plus those it leaves out (below): any other gRPC keeps its
# own list, whole. The functions it calls are read from the file itself.
function(_tfplugin_trim_grpc_plugins target archives)
  get_property(_decided GLOBAL PROPERTY TFPLUGIN_GRPC_TRIM_DECIDED)
  if(NOT _decided)
    _tfplugin_grpc_plugin_list_matches(_matches "${archives}")
    set_property(GLOBAL PROPERTY TFPLUGIN_GRPC_TRIM_DECIDED ON)
    set_property(GLOBAL PROPERTY TFPLUGIN_GRPC_TRIM_MATCHES ${_matches})
    if(NOT _matches)
      message(STATUS "libgrpc.a's plugin list is not the one tfplugin knows; static programs link it whole")
    endif()
  endif()
  get_property(_matches GLOBAL PROPERTY TFPLUGIN_GRPC_TRIM_MATCHES)
  if(_matches)
    target_sources(${target} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/grpc_core_plugins.cc)
    set_property(TARGET ${target} PROPERTY TFPLUGIN_GRPC_PLUGINS_TRIMMED ON)
  endif()
endfunction()

# <out>: whether libgrpc.a (among <archives>) registers exactly what
# grpc_core_plugins.cc calls plus the plugins it leaves out.
function(_tfplugin_grpc_plugin_list_matches out archives)
  set(${out} OFF PARENT_SCOPE)
  list(FILTER archives INCLUDE REGEX "/libgrpc\\.a$")
  if(NOT archives)
    return()
  endif()
  execute_process(COMMAND ${CMAKE_NM} -A ${archives}
                  OUTPUT_VARIABLE _syms ERROR_QUIET RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    return()
  endif()
  string(REGEX MATCHALL "grpc_plugin_registry\\.cc\\.o:[ \t]+U[ \t]+[A-Za-z0-9_]+CoreConfiguration7BuilderE"
         _registry_calls "${_syms}")
  list(TRANSFORM _registry_calls REPLACE "^.*[ \t]" "")
  list(SORT _registry_calls)

  set(_source ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/grpc_core_plugins.cc)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_source})
  file(READ ${_source} _text)
  string(REGEX MATCHALL "\"_Z[A-Za-z0-9_]+CoreConfiguration7BuilderE\"" _ours "${_text}")
  list(TRANSFORM _ours REPLACE "\"" "")
  list(REMOVE_ITEM _ours _ZN9grpc_core22BuildCoreConfigurationEPNS_17CoreConfiguration7BuilderE)
  list(APPEND _ours  # left out: xDS, RLS, grpclb, other load balancers, test-only
    _ZN9grpc_core19RegisterRlsLbPolicyEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core20RegisterExtraFiltersEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core20RegisterFakeResolverEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core20RegisterGrpcLbPolicyEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core24RegisterPriorityLbPolicyEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core24RegisterRingHashLbPolicyEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core28FaultInjectionFilterRegisterEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core30RegisterWeightedTargetLbPolicyEPNS_17CoreConfiguration7BuilderE
    _ZN9grpc_core32RegisterOutlierDetectionLbPolicyEPNS_17CoreConfiguration7BuilderE)
  list(SORT _ours)
  if(_registry_calls STREQUAL _ours)
    set(${out} ON PARENT_SCOPE)
  endif()
endfunction()
