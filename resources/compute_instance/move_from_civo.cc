#include "resources/compute_instance/move_from_civo.h"

#include <chrono>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "rapidjson/document.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/spec.h"
#include "tfplugin/quote.h"

namespace resources::compute_instance {

namespace {

using tfplugin::Diagnostics;
using Str = Maybe<std::string>;

constexpr char kSourceName[] = "the moved civo_instance";

ValueOrRef ById(const std::string& id) {
  ValueOrRef r;
  r.form = ValueOrRef::Form::kValue;
  r.value = id;
  return r;
}

ValueOrRef ByName(const std::string& name) {
  ValueOrRef r;
  r.form = ValueOrRef::Form::kValueFrom;
  r.name = name;
  return r;
}

bool IsUuid(absl::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !absl::ascii_isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool IsIpv4Address(absl::string_view s) {
  const std::vector<absl::string_view> parts = absl::StrSplit(s, '.');
  if (parts.size() != 4) return false;
  for (absl::string_view p : parts) {
    int n = 0;
    if (p.empty() || p.size() > 3 || !absl::SimpleAtoi(p, &n) || n < 0 || n > 255) return false;
    for (char c : p) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

// Typed readers of the source object's attributes. SDKv2 stores an unset
// optional string as "" or null: both read as "".
class SourceReader {
 public:
  SourceReader(const rapidjson::Value& object, Diagnostics& diags)
      : object_(object), diags_(diags) {}

  std::string String(const char* name) {
    const rapidjson::Value* v = Member(name);
    if (v == nullptr) return "";
    if (!v->IsString()) {
      WrongType(name, "a string");
      return "";
    }
    return std::string(v->GetString(), v->GetStringLength());
  }

  Maybe<int64_t> Int(const char* name) {
    const rapidjson::Value* v = Member(name);
    if (v == nullptr) return Maybe<int64_t>::Null();
    if (!v->IsInt64()) {
      WrongType(name, "a whole number");
      return Maybe<int64_t>::Null();
    }
    return Maybe<int64_t>::Known(v->GetInt64());
  }

  bool Bool(const char* name) {
    const rapidjson::Value* v = Member(name);
    if (v == nullptr) return false;
    if (!v->IsBool()) {
      WrongType(name, "true or false");
      return false;
    }
    return v->GetBool();
  }

  std::vector<std::string> Strings(const char* name) {
    std::vector<std::string> out;
    const rapidjson::Value* v = Member(name);
    if (v == nullptr) return out;
    if (!v->IsArray()) {
      WrongType(name, "a set of strings");
      return out;
    }
    for (const rapidjson::Value& item : v->GetArray()) {
      if (!item.IsString()) {
        WrongType(name, "a set of strings");
        return {};
      }
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
  }

  // A nested object (SDKv2's `timeouts` block); nullptr when null or absent.
  const rapidjson::Value* Object(const char* name) {
    const rapidjson::Value* v = Member(name);
    if (v == nullptr) return nullptr;
    if (!v->IsObject()) {
      WrongType(name, "an object");
      return nullptr;
    }
    return v;
  }

 private:
  const rapidjson::Value* Member(const char* name) const {
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  void WrongType(const char* name, const char* expected) {
    diags_.AddError("Cannot move civo_instance",
                    absl::StrCat("The attribute `", name, "` of ", kSourceName, " is not ",
                                 expected, "; the stored state is not one the official Civo "
                                 "provider writes."));
  }

  const rapidjson::Value& object_;
  Diagnostics& diags_;
};

Str StringOrNull(const std::string& s) { return s.empty() ? Str::Null() : Str::Known(s); }

// SDKv2 writes `created_at` as Go's time.Time.String() of a UTC time
// ("2024-05-01 10:20:30.123 +0000 UTC"); RFC 3339 for this resource, null
// when it reads otherwise (the refresh after the move fills it).
Str CreatedAtRfc3339(absl::string_view created_at) {
  absl::string_view text = absl::StripAsciiWhitespace(created_at);
  if (text.empty()) return Str::Null();
  if (const size_t last_space = text.rfind(' '); last_space != absl::string_view::npos &&
                                                 text.size() - last_space - 1 <= 5 &&
                                                 absl::ascii_isalpha(text.back())) {
    text = text.substr(0, last_space);  // the zone's abbreviation ("UTC")
  }
  absl::Time t;
  std::string error;
  if (absl::ParseTime("%Y-%m-%d %H:%M:%E*S %z", std::string(text), &t, &error) ||
      absl::ParseTime(absl::RFC3339_full, std::string(text), &t, &error)) {
    return Str::Known(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone()));
  }
  return Str::Null();
}

// Source attributes with no home in civo_compute_instance: a non-default
// value stays as it is at Civo, and a warning says this resource will not
// manage it.
void WarnUnmanaged(SourceReader& in, Diagnostics& diags) {
  auto warn = [&](const std::string& attribute, const std::string& value, const char* what) {
    diags.AddWarning("civo_instance attribute not carried over",
                     absl::StrCat("The moved civo_instance has `", attribute, "` = ",
                                  tfplugin::QuoteValue(value), ". civo_compute_instance has no "
                                  "such argument: ", what));
  };
  const char* kept = "the instance keeps it as it is at Civo, and Terraform no longer manages it.";
  if (const std::string v = in.String("notes"); !v.empty()) warn("notes", v, kept);
  if (const std::string v = in.String("reverse_dns"); !v.empty()) warn("reverse_dns", v, kept);
  if (const std::string v = in.String("volume_type"); !v.empty()) warn("volume_type", v, kept);
  if (const std::string v = in.String("private_ipv4"); !v.empty()) {
    warn("private_ipv4", v, "the instance keeps its private address (shown as `private_ipv4`).");
  }
  if (const std::string v = in.String("public_ip_required"); v == "none") {
    warn("public_ip_required", v, kept);
  }
  if (in.Bool("write_password")) {
    diags.AddWarning(
        "The initial password is not kept in state",
        "The moved civo_instance had `write_password` = true. civo_compute_instance never "
        "stores the initial password: read it with the ephemeral resource "
        "`civo_instance_password` (Terraform >= 1.10) where a configuration needs it.");
  }
}

}  // namespace

bool IsOfficialCivoProvider(absl::string_view address) {
  const std::string a = absl::AsciiStrToLower(address);
  return a == "registry.terraform.io/civo/civo" || a == "registry.opentofu.org/civo/civo";
}

std::optional<MovedInstance> MoveFromCivoInstance(const tfplugin::MoveStateRequest& req,
                                                  const MoveInputs& inputs, Diagnostics& diags) {
  if (!IsOfficialCivoProvider(req.source_provider_address) ||
      req.source_type_name != kOfficialInstanceType) {
    diags.AddError("Move not supported",
                   absl::StrCat(kTypeName, " takes moved state only from `", kOfficialInstanceType,
                                "` of registry.terraform.io/civo/civo, not from `",
                                req.source_type_name, "` of ", req.source_provider_address, "."));
    return std::nullopt;
  }
  if (req.source_schema_version != kOfficialInstanceSchemaVersion) {
    diags.AddError("Unsupported civo_instance state version",
                   absl::StrCat("The moved civo_instance has schema version ",
                                req.source_schema_version, "; only version ",
                                kOfficialInstanceSchemaVersion,
                                " (every release of the official Civo provider so far) can be "
                                "moved. Upgrade it with that provider first, then move it."));
    return std::nullopt;
  }
  // Iterative: no recursion, however deep the text nests (the default
  // MemoryPoolAllocator also frees without recursing).
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(
      req.source_state_json.data(), req.source_state_json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    diags.AddError("Cannot move civo_instance",
                   "The stored state of the moved civo_instance is not a JSON object.");
    return std::nullopt;
  }

  Diagnostics read;
  SourceReader in(doc, read);
  MovedInstance out;
  InstanceConfig& m = out.state;

  const std::string id = in.String("id");
  const std::string hostname = in.String("hostname");
  const std::string size = in.String("size");
  const std::string disk_image = in.String("disk_image");
  const std::string network_id = in.String("network_id");
  const std::string firewall_id = in.String("firewall_id");
  const std::string sshkey_id = in.String("sshkey_id");
  const std::string script = in.String("script");
  const std::string reserved_ipv4 = in.String("reserved_ipv4");
  std::string region = in.String("region");
  const std::vector<std::string> tags = in.Strings("tags");
  if (read.HasError()) {
    diags.Append(read);
    return std::nullopt;
  }
  // What the instance cannot be without.
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"id", id},
                                    {"hostname", hostname},
                                    {"size", size},
                                    {"disk_image", disk_image}}) {
    if (value.empty()) {
      diags.AddError("Cannot move civo_instance",
                     absl::StrCat("The moved civo_instance has no `", name,
                                  "`; only an instance that exists at Civo can be moved (refresh "
                                  "it with the official provider first)."));
      return std::nullopt;
    }
  }
  if (region.empty()) region = inputs.default_region;
  if (region.empty()) {
    diags.AddError("Cannot move civo_instance",
                   "The moved civo_instance has no `region` and this provider has no default "
                   "region: set `region` in the provider block (or CIVO_REGION) to the region "
                   "the instance is in.");
    return std::nullopt;
  }

  m.id = id;
  m.instance_id = id;
  m.instance_name = hostname;
  m.region = region;
  m.size = size;
  // The official provider stores the disk image's id (its `disk_image` must
  // be a UUID); a config giving the same id, or the image's name, plans no
  // replacement.
  m.image = disk_image;
  m.disk_image_id = disk_image;
  if (!network_id.empty()) {
    m.network = ById(network_id);
    m.network_id = network_id;
  }
  if (!sshkey_id.empty()) m.ssh_key_ids = std::vector<std::string>{sshkey_id};
  if (!tags.empty()) m.tags = tags;
  m.user_data = StringOrNull(script);

  // The firewall as import takes it (firewall.h): by id, marked as read from
  // the API, so a config naming it and a config without firewall_ids both
  // plan no change.
  m.firewall_ids = FirewallIdsAsRead(firewall_id);
  m.firewall_id = StringOrNull(firewall_id);
  out.private_data = WithFirewallIdsFromApi("", !firewall_id.empty());

  // reserved_ipv4 was "the UUID, name, or the IP address of the reserved IP".
  if (!reserved_ipv4.empty()) {
    if (IsUuid(reserved_ipv4)) {
      m.reserved_ip = ById(reserved_ipv4);
    } else if (!IsIpv4Address(reserved_ipv4)) {
      m.reserved_ip = ByName(reserved_ipv4);
    } else if (std::optional<std::string> ip_id =
                   inputs.reserved_ip_by_address
                       ? inputs.reserved_ip_by_address(reserved_ipv4, region)
                       : std::nullopt;
               ip_id.has_value() && !ip_id->empty()) {
      m.reserved_ip = ById(*ip_id);
      m.reserved_ip_address = reserved_ipv4;
    } else {
      diags.AddWarning(
          "Reserved IP not carried over",
          absl::StrCat("The moved civo_instance has `reserved_ipv4` = ",
                       tfplugin::QuoteValue(reserved_ipv4),
                       ", an address no reserved IP of this account could be found for. "
                       "civo_compute_instance does not manage a reserved IP for it; name the "
                       "reserved IP in `reserved_ip_id` (by id or by name) to manage it."));
    }
  }

  // Computed values as the source last read them; the refresh that follows
  // the move reads them again from the API.
  m.public_ipv4 = StringOrNull(in.String("public_ip"));
  m.private_ipv4 = StringOrNull(in.String("private_ip"));
  m.status = StringOrNull(in.String("status"));
  m.created_at_rfc3339 = CreatedAtRfc3339(in.String("created_at"));
  m.initial_user = StringOrNull(in.String("initial_user"));
  m.cpu_cores = in.Int("cpu_cores");
  m.ram_mb = in.Int("ram_mb");
  m.disk_gb = in.Int("disk_gb");
  // Volumes were never managed through civo_instance: unmanaged here too.
  m.attached_volume_ids = std::vector<std::string>{};

  if (const rapidjson::Value* t = in.Object("timeouts"); t != nullptr) {
    SourceReader timeouts(*t, read);
    Timeouts to;
    to.create = StringOrNull(timeouts.String("create"));
    to.update = StringOrNull(timeouts.String("update"));
    to.del = StringOrNull(timeouts.String("delete"));
    if (!(to.create.is_null() && to.update.is_null() && to.del.is_null())) m.timeouts = to;
  }
  WarnUnmanaged(in, read);
  diags.Append(read);
  if (read.HasError()) return std::nullopt;
  return out;
}

void MoveInstanceFrom(const ApiSession& session, const tfplugin::MoveStateRequest& req,
                      InstanceConfig& state, std::string& private_data, Diagnostics& diags) {
  MoveInputs inputs;
  inputs.default_region = session.default_region;
  if (session.configured()) {
    inputs.reserved_ip_by_address = [&session](const std::string& address,
                                               const std::string& region)
        -> std::optional<std::string> {
      auto ips = session.client->ListReservedIps(session.Call(
          absl::AsciiStrToUpper(region), std::chrono::steady_clock::now() + std::chrono::minutes(2)));
      if (!ips.ok()) return std::nullopt;
      for (const civoapi::ReservedIp& ip : *ips) {
        if (ip.ip == address) return ip.id;
      }
      return std::string();
    };
  }
  std::optional<MovedInstance> moved = MoveFromCivoInstance(req, inputs, diags);
  if (!moved) return;
  state = std::move(moved->state);
  private_data = std::move(moved->private_data);
}

}  // namespace resources::compute_instance
