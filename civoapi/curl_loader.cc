// See curl_loader.h. The forwarders below have exactly curl.h's signatures;
// the variadic setters read their one argument with the type libcurl itself
// expects for that option (the option number encodes it), so nothing depends
// on how a particular ABI passes variadic arguments.
#define CURL_DISABLE_TYPECHECK 1  // curl.h would otherwise make the setters macros
#include "civoapi/curl_loader.h"

#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <string>

#include "absl/strings/str_cat.h"

namespace civoapi {
namespace {

using AnyFunction = void (*)();

struct CurlApi {
  std::string error;  // empty when loaded
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  CURLM* (*multi_init)();
  CURLMcode (*multi_cleanup)(CURLM*);
  CURLMcode (*multi_setopt)(CURLM*, CURLMoption, ...);
  CURLMcode (*multi_add_handle)(CURLM*, CURL*);
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
  CURLMcode (*multi_perform)(CURLM*, int*);
  CURLMcode (*multi_poll)(CURLM*, struct curl_waitfd[], unsigned int, int, int*);
  CURLMsg* (*multi_info_read)(CURLM*, int*);
  CURLSH* (*share_init)();
  CURLSHcode (*share_setopt)(CURLSH*, CURLSHoption, ...);
  CURLSHcode (*share_cleanup)(CURLSH*);
  struct curl_slist* (*slist_append)(struct curl_slist*, const char*);
  void (*slist_free_all)(struct curl_slist*);
};

template <typename F>
bool Bind(void* lib, const char* name, F& out, std::string& error) {
  out = reinterpret_cast<F>(dlsym(lib, name));
  if (out == nullptr && error.empty()) error = absl::StrCat("libcurl lacks ", name);
  return out != nullptr;
}

CurlApi Load() {
  CurlApi api{};
  // RTLD_LOCAL: dlsym on this handle finds libcurl's own functions, never
  // the forwarders below.
  void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* why = dlerror();
    api.error = absl::StrCat("cannot load libcurl.so.4: ", why != nullptr ? why : "unknown error");
    return api;
  }
  std::string& e = api.error;
  Bind(lib, "curl_global_init", api.global_init, e);
  Bind(lib, "curl_easy_init", api.easy_init, e);
  Bind(lib, "curl_easy_cleanup", api.easy_cleanup, e);
  Bind(lib, "curl_easy_reset", api.easy_reset, e);
  Bind(lib, "curl_easy_setopt", api.easy_setopt, e);
  Bind(lib, "curl_easy_getinfo", api.easy_getinfo, e);
  Bind(lib, "curl_easy_strerror", api.easy_strerror, e);
  Bind(lib, "curl_multi_init", api.multi_init, e);
  Bind(lib, "curl_multi_cleanup", api.multi_cleanup, e);
  Bind(lib, "curl_multi_setopt", api.multi_setopt, e);
  Bind(lib, "curl_multi_add_handle", api.multi_add_handle, e);
  Bind(lib, "curl_multi_remove_handle", api.multi_remove_handle, e);
  Bind(lib, "curl_multi_perform", api.multi_perform, e);
  Bind(lib, "curl_multi_poll", api.multi_poll, e);
  Bind(lib, "curl_multi_info_read", api.multi_info_read, e);
  Bind(lib, "curl_share_init", api.share_init, e);
  Bind(lib, "curl_share_setopt", api.share_setopt, e);
  Bind(lib, "curl_share_cleanup", api.share_cleanup, e);
  Bind(lib, "curl_slist_append", api.slist_append, e);
  Bind(lib, "curl_slist_free_all", api.slist_free_all, e);
  if (e.empty() && api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) e = "curl_global_init failed";
  return api;
}

// Loaded once, immutable afterwards (a function-local static: thread-safe
// initialisation, no mutable global state).
const CurlApi& Api() {
  static const CurlApi api = Load();
  return api;
}

// Which C type an option's argument has, from the ranges curl.h assigns.
enum class ArgKind { kLong, kPointer, kFunction, kOffT };
ArgKind KindOf(int option) {
  if (option < CURLOPTTYPE_OBJECTPOINT) return ArgKind::kLong;
  if (option < CURLOPTTYPE_FUNCTIONPOINT) return ArgKind::kPointer;
  if (option < CURLOPTTYPE_OFF_T) return ArgKind::kFunction;
  if (option < CURLOPTTYPE_BLOB) return ArgKind::kOffT;
  return ArgKind::kPointer;  // struct curl_blob*
}

template <typename Code, typename Handle, typename Option>
Code ForwardSetopt(Code (*fn)(Handle*, Option, ...), Handle* h, Option opt, va_list ap) {
  switch (KindOf(static_cast<int>(opt))) {
    case ArgKind::kLong: return fn(h, opt, va_arg(ap, long));
    case ArgKind::kFunction: return fn(h, opt, va_arg(ap, AnyFunction));
    case ArgKind::kOffT: return fn(h, opt, va_arg(ap, curl_off_t));
    case ArgKind::kPointer: break;
  }
  return fn(h, opt, va_arg(ap, void*));
}

}  // namespace

absl::Status LoadCurl() {
  const CurlApi& api = Api();
  if (!api.error.empty()) return absl::FailedPreconditionError(api.error);
  return absl::OkStatus();
}

}  // namespace civoapi

// ---- The forwarders (C linkage, curl.h's declarations). Callers go through
// LoadCurl() first, so Api() is loaded; a failed load makes constructors
// return null and everything else report an error.

using civoapi::Api;

extern "C" {

CURL* curl_easy_init(void) { return Api().error.empty() ? Api().easy_init() : nullptr; }
void curl_easy_cleanup(CURL* h) { Api().easy_cleanup(h); }
void curl_easy_reset(CURL* h) { Api().easy_reset(h); }
const char* curl_easy_strerror(CURLcode c) {
  return Api().error.empty() ? Api().easy_strerror(c) : Api().error.c_str();
}

CURLcode curl_easy_setopt(CURL* h, CURLoption opt, ...) {
  va_list ap;
  va_start(ap, opt);
  CURLcode rc = civoapi::ForwardSetopt(Api().easy_setopt, h, opt, ap);
  va_end(ap);
  return rc;
}

CURLcode curl_easy_getinfo(CURL* h, CURLINFO info, ...) {
  // Every CURLINFO_* takes a pointer to where the answer goes.
  va_list ap;
  va_start(ap, info);
  void* out = va_arg(ap, void*);
  va_end(ap);
  return Api().easy_getinfo(h, info, out);
}

CURLM* curl_multi_init(void) { return Api().error.empty() ? Api().multi_init() : nullptr; }
CURLMcode curl_multi_cleanup(CURLM* m) { return Api().multi_cleanup(m); }
CURLMcode curl_multi_add_handle(CURLM* m, CURL* h) { return Api().multi_add_handle(m, h); }
CURLMcode curl_multi_remove_handle(CURLM* m, CURL* h) { return Api().multi_remove_handle(m, h); }
CURLMcode curl_multi_perform(CURLM* m, int* running) { return Api().multi_perform(m, running); }
CURLMcode curl_multi_poll(CURLM* m, struct curl_waitfd extra[], unsigned int n, int timeout_ms, int* ret) {
  return Api().multi_poll(m, extra, n, timeout_ms, ret);
}
CURLMsg* curl_multi_info_read(CURLM* m, int* queued) { return Api().multi_info_read(m, queued); }

CURLMcode curl_multi_setopt(CURLM* m, CURLMoption opt, ...) {
  va_list ap;
  va_start(ap, opt);
  CURLMcode rc = civoapi::ForwardSetopt(Api().multi_setopt, m, opt, ap);
  va_end(ap);
  return rc;
}

CURLSH* curl_share_init(void) { return Api().error.empty() ? Api().share_init() : nullptr; }
CURLSHcode curl_share_cleanup(CURLSH* s) { return Api().share_cleanup(s); }

CURLSHcode curl_share_setopt(CURLSH* s, CURLSHoption opt, ...) {
  // libcurl reads SHARE/UNSHARE as int, the lock functions as function
  // pointers and USERDATA as a pointer.
  va_list ap;
  va_start(ap, opt);
  CURLSHcode rc;
  switch (opt) {
    case CURLSHOPT_SHARE:
    case CURLSHOPT_UNSHARE: rc = Api().share_setopt(s, opt, va_arg(ap, int)); break;
    case CURLSHOPT_LOCKFUNC:
    case CURLSHOPT_UNLOCKFUNC: rc = Api().share_setopt(s, opt, va_arg(ap, civoapi::AnyFunction)); break;
    default: rc = Api().share_setopt(s, opt, va_arg(ap, void*)); break;
  }
  va_end(ap);
  return rc;
}

struct curl_slist* curl_slist_append(struct curl_slist* list, const char* s) {
  return Api().slist_append(list, s);
}
void curl_slist_free_all(struct curl_slist* list) { Api().slist_free_all(list); }

}  // extern "C"
