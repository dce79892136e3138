// terraform-provider-tiny: a second provider built on tfplugin/ alone (no
// civoapi/, no resources/), to show the framework layer stands by itself.
//   provider "tiny" { store = "notes.json" }   (or TINY_STORE)
//   resource "tiny_note"     text (in place), kind (replaces), tags; id, length, revision
//   resource "tiny_memo"     the same, and takes a tiny_note through a `moved` block
//   data "tiny_note"         by id
//   provider::tiny::word_count(text)
#ifndef TESTS_TINYPROVIDER_TINY_PROVIDER_H_
#define TESTS_TINYPROVIDER_TINY_PROVIDER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tfplugin/provider.h"

namespace tiny {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

std::unique_ptr<tfplugin::Provider> NewTinyProvider(EnvLookup env);
std::unique_ptr<tfplugin::Provider> NewTinyProvider();  // reads the process environment

}  // namespace tiny

#endif  // TESTS_TINYPROVIDER_TINY_PROVIDER_H_
