# tfdriver schema/validate check of terraform-provider-civo (helper "server").
# Included from tests/e2e/CMakeLists.txt after CIVO_TFDRIVER_PATH is set
# (empty when tfdriver is unavailable: the test then reports itself skipped).
if(TARGET terraform-provider-civo)
  find_package(GTest REQUIRED)
  include(GoogleTest)
  add_executable(civo_tfdriver_check_test ${CMAKE_CURRENT_LIST_DIR}/tfdriver_check_test.cc)
  target_link_libraries(civo_tfdriver_check_test PRIVATE PkgConfig::RAPIDJSON GTest::gtest_main)
  target_compile_options(civo_tfdriver_check_test PRIVATE ${CIVO_WARNINGS})
  target_compile_definitions(civo_tfdriver_check_test PRIVATE
    CIVO_TFDRIVER="${CIVO_TFDRIVER_PATH}"
    CIVO_PROVIDER="$<TARGET_FILE:terraform-provider-civo>"
    CIVO_TFDRIVER_CONFIG="${CMAKE_CURRENT_LIST_DIR}/tfdriver_check_config.json")
  add_dependencies(civo_tfdriver_check_test terraform-provider-civo)
  if(TARGET civo_tfdriver)
    add_dependencies(civo_tfdriver_check_test civo_tfdriver)
  endif()
  gtest_discover_tests(civo_tfdriver_check_test
    TEST_PREFIX "e2e.tfdriver."
    DISCOVERY_MODE PRE_TEST
    PROPERTIES TIMEOUT 120 LABELS e2e)
endif()
